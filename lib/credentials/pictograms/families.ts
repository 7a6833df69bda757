import type { PictogramFamily } from './shapes'

// Which pictogram a skill gets. The words of the skill (its name, and the names of the concepts it
// is aligned to) decide first, because they are the most specific; then an EU key competence the
// badge is aligned to; else "other". Words are matched without case or accents, as word starts.

const KEYWORDS: Record<Exclude<PictogramFamily, 'other'>, readonly string[]> = {
  care: [
    'soin', 'soigner', 'garde', 'enfant', 'bebe', 'baby', 'personne agee', 'aide a domicile', 'aider les', 'accompagn', 'solidar', 'benevol', 'social',
    'care', 'child', 'elderly', 'nurs', 'volunteer', 'support people', 'empath', 'citizenship', 'citoyen',
  ],
  hospitality: [
    'accueil', 'accueillir', 'service en salle', 'serveur', 'serveuse', 'restaura', 'cuisin', 'hotel', 'barista', 'plonge', 'boisson', 'repas', 'client',
    'welcom', 'reception', 'waiter', 'waitress', 'hospitality', 'cook', 'kitchen', 'food', 'drink', 'customer', 'guest',
  ],
  commerce: [
    'vente', 'vendre', 'vendeu', 'caisse', 'caissi', 'commerc', 'magasin', 'rayon', 'boutique', 'argent', 'entrepren', 'achat',
    'sell', 'sales', 'cash', 'shop', 'store', 'retail', 'shelf', 'shelv', 'money', 'entrepreneur',
  ],
  manual: [
    'bricol', 'construi', 'construction', 'batiment', 'chantier', 'repar', 'outil', 'manuel', 'manuelle', 'peindre', 'peinture', 'jardin', 'menuis', 'mecani', 'nettoy', 'menage', 'entretien', 'physique',
    'diy', 'build', 'repair', 'tool', 'manual', 'paint', 'garden', 'carpent', 'mechanic', 'clean', 'housekeep', 'maintenance', 'physical', 'lift',
  ],
  digital: [
    'numerique', 'ordinateur', 'informatique', 'internet', 'logiciel', 'tableur', 'bureautique', 'reseaux sociaux', 'donnees',
    'digital', 'computer', 'software', 'online', 'spreadsheet', 'data', 'ict', 'social media', 'technolog',
  ],
  communication: [
    'equipe', 'communiqu', 'communication', 'ecoute', 'ecouter', 'parler', 'langue', 'expliquer', 'negoci', 'relation', 'cooper', 'collabor', 'lire', 'ecrire', 'lecture', 'ecriture',
    'team', 'communicat', 'listen', 'speak', 'language', 'explain', 'negotiat', 'relationship', 'cooperat', 'read', 'writ', 'literacy', 'multilingual',
  ],
  organisation: [
    'organis', 'planifi', 'ponctu', 'temps', 'gerer', 'gestion', 'rigueur', 'rigoureu', 'autonom', 'respecter', 'consigne', 'calcul', 'stock', 'inventaire', 'classer', 'priorit',
    'organi', 'plan', 'punctual', 'time', 'manag', 'schedul', 'instruction', 'reliab', 'count', 'inventory', 'priorit', 'mathemat',
  ],
  activities: [
    'sport', 'anim', 'animer', 'jeu', 'jouer', 'entrain', 'arbitr', 'musique', 'theatre', 'dessin', 'danse', 'culture', 'creati', 'artisti',
    'coach', 'game', 'play', 'train', 'referee', 'music', 'theatre', 'drawing', 'dance', 'cultural', 'creativ', 'artistic', 'leisure', 'loisir',
  ],
}

/** The EU key competences (KC1–KC8, docs/decisions/005-taxonomies.md) and their family. */
const KEY_COMPETENCE_FAMILY: Record<string, PictogramFamily> = {
  KC1: 'communication', KC2: 'communication', KC3: 'organisation', KC4: 'digital',
  KC5: 'communication', KC6: 'care', KC7: 'commerce', KC8: 'activities',
}

function normalise(text: string): string {
  return ` ${text.toLowerCase().normalize('NFD').replace(/\p{M}+/gu, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `
}

const ORDER = Object.keys(KEYWORDS) as (keyof typeof KEYWORDS)[]

/** A skill as a badge names it: its name and its OB 3.0 alignments. */
export interface SkillForPictogram {
  name: string
  alignment?: readonly { targetName?: string; targetUrl?: string; targetCode?: string }[]
}

/**
 * The family of a skill, for its pictogram. The skill's own name decides first, then the names
 * of the concepts it is aligned to, then a key competence code, else `other`.
 */
export function pictogramFamilyOf(skill: SkillForPictogram): PictogramFamily {
  const texts = [skill.name, ...(skill.alignment ?? []).map((a) => a.targetName ?? '')]
  for (const text of texts) {
    const words = normalise(text)
    if (words.trim() === '') continue
    const hit = ORDER.find((family) => KEYWORDS[family].some((k) => words.includes(` ${k}`)))
    if (hit) return hit
  }
  for (const a of skill.alignment ?? []) {
    const code = a.targetCode ?? /#(KC[1-8])$/.exec(a.targetUrl ?? '')?.[1]
    if (code && KEY_COMPETENCE_FAMILY[code]) return KEY_COMPETENCE_FAMILY[code]
  }
  return 'other'
}
