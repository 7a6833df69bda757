import teamwork from '@/credentials-schemas/examples/skill-badge/valid/01-teamwork-volunteering.json'
import digital from '@/credentials-schemas/examples/skill-badge/valid/03-with-link-and-expiry.json'
import bakery from '@/credentials-schemas/examples/work-experience/valid/01-internship-bakery.json'
import { countUsers, findUserByIdentifier } from '@/lib/auth/repository'
import { createUser } from '@/lib/auth/service'
import { AppError } from '@/lib/errors'
import { issueForOrganisation } from '@/lib/issuing/service'
import { approveOrganisation, createOrganisation, getOrganisationOrThrow } from '@/lib/orgs/service'
import { optIn } from '@/lib/directory/service'
import { createExperience, saveGoals } from '@/lib/profile/service'
import { PROFILE_SECTIONS } from '@/lib/profile/schemas'
import { createShare, getShareToShow } from '@/lib/portfolio/service'
import { listWalletCards } from '@/lib/wallet/service'
import { requestAttestation, saveStory } from '@/lib/stories/service'
import type { Runtime } from '@/lib/runtime'
import { searchConcepts } from '@/lib/taxonomy/service'

/** The shared password of every demo account: the demo world is for trying Tremplin, not for real data. */
export const DEMO_PASSWORD = 'tremplin-demo'

export interface DemoAccount {
  username: string
  role: string
  name: string
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'claire', role: 'counsellor', name: 'Claire Martin (Mission Locale Roubaix-Tourcoing)' },
  { username: 'karim', role: 'tutor', name: 'Karim Benali (Boulangerie du Marché)' },
  { username: 'julie', role: 'recruiter', name: 'Julie Lefèvre (Boulangerie du Marché)' },
  { username: 'admin', role: 'admin', name: 'Administrateur Tremplin' },
  { username: 'mehdi', role: 'counsellor', name: 'Mehdi Haddad (Club Sportif de Wattrelos, waiting for approval)' },
  { username: 'samira', role: 'youth', name: 'Samira B.' },
  { username: 'lucas', role: 'youth', name: 'Lucas D.' },
]

const SOLVE_PROBLEMS = {
  skill: {
    name: 'Résoudre les problèmes',
    alignment: [{ targetName: 'résoudre les problèmes', targetUrl: 'http://data.europa.eu/esco/skill/adc6dc11-3376-467b-96c5-9b0a21edc869', targetFramework: 'ESCO' }],
  },
  level: 'practising',
  criteria: 'Au club de foot, Lucas a remis en état la feuille d’inscription en ligne qui ne fonctionnait plus et a montré à l’entraîneur comment l’utiliser.',
  language: 'fr',
}

/**
 * Seeds a small world on first start: a youth-support organisation and an employer (each with
 * its DID, both approved), a sports club waiting for approval with its counsellor, a counsellor,
 * an employer tutor, a recruiter, an admin, and two young people with wallets and a few credentials. Does nothing when users already exist.
 * @returns whether it seeded.
 */
export async function seedDemoWorld(rt: Runtime): Promise<boolean> {
  if ((await countUsers(rt.db)) > 0) return false
  const ml = await createOrganisation(rt, { slug: 'mission-locale-roubaix', name: 'Mission Locale Roubaix-Tourcoing', kind: 'youth_support', region: 'Hauts-de-France' })
  const bakery_ = await createOrganisation(rt, { slug: 'boulangerie-du-marche', name: 'Boulangerie du Marché', kind: 'employer', region: 'Hauts-de-France' })
  const admin = await createUser(rt, { role: 'admin', username: 'admin', displayName: 'Administrateur Tremplin', password: DEMO_PASSWORD })
  await approveOrganisation(rt, ml.slug, admin.id)
  await approveOrganisation(rt, bakery_.slug, admin.id)
  const mlRow = await getOrganisationOrThrow(rt, ml.slug)
  const bakeryRow = await getOrganisationOrThrow(rt, bakery_.slug)

  const password = DEMO_PASSWORD
  const claire = await createUser(rt, { role: 'counsellor', username: 'claire', displayName: 'Claire Martin', email: 'claire@demo.tremplin.test', password, organisationId: mlRow.id })
  const karim = await createUser(rt, { role: 'tutor', username: 'karim', displayName: 'Karim Benali', email: 'karim@demo.tremplin.test', password, organisationId: bakeryRow.id })
  await createUser(rt, { role: 'recruiter', username: 'julie', displayName: 'Julie Lefèvre', email: 'julie@demo.tremplin.test', password, organisationId: bakeryRow.id })
  // A sports club that trains young volunteer coaches, registered but not approved yet: the
  // admin's registry has someone waiting, and its counsellor sees that they cannot issue yet.
  const club = await createOrganisation(rt, { slug: 'club-sportif-wattrelos', name: 'Club Sportif de Wattrelos', kind: 'training', region: 'Hauts-de-France' })
  await createUser(rt, { role: 'counsellor', username: 'mehdi', displayName: 'Mehdi Haddad', email: 'mehdi@demo.tremplin.test', password, organisationId: (await getOrganisationOrThrow(rt, club.slug)).id })
  const samira = await createUser(rt, { role: 'youth', username: 'samira', displayName: 'Samira B.', password, organisationId: mlRow.id })
  const lucas = await createUser(rt, { role: 'youth', username: 'lucas', displayName: 'Lucas D.', password, organisationId: mlRow.id })

  const issue = (org: typeof mlRow, by: string, subject: string, templateId: string, claims: unknown, format: 'di' | 'jwt' = 'di') =>
    issueForOrganisation(rt, { organisation: org, templateId, subjectDid: subject, claims, issuedByUserId: by, format })
  // Each says how its issuer knows: Claire saw the teamwork and assessed the digital skills in a
  // workshop with criteria; Karim saw the internship day by day.
  const samiraTeamwork = await issue(mlRow, claire.id, samira.did!, 'skill-badge', { ...teamwork, evidenceLevel: 'witnessed' })
  await issue(mlRow, claire.id, samira.did!, 'skill-badge', { ...digital, evidenceLevel: 'assessed' }, 'jwt')
  const samiraBakery = await issue(bakeryRow, karim.id, samira.did!, 'work-experience', { ...bakery, evidenceLevel: 'witnessed' })
  await issue(mlRow, claire.id, lucas.did!, 'skill-badge', SOLVE_PROBLEMS)
  await seedSamiraProfile(rt, { id: samira.id, role: 'youth' }, { bakery: samiraBakery.id, teamwork: samiraTeamwork.id })
  // Samira chose to be found by recruiters (Julie finds her blind profile); Lucas did not, and has
  // a skill story waiting in Claire's queue.
  await optIn(rt, { id: samira.id, role: 'youth' as const })
  const lucasActor = { id: lucas.id, role: 'youth' as const }
  const story = await saveStory(rt, lucasActor, {
    skillLabel: 'Garder des enfants',
    skillUri: undefined,
    experienceId: undefined,
    situation: 'Le mercredi, je garde mes deux petits frères de 6 et 9 ans pendant que ma mère travaille.',
    whatIDid: 'Je les fais manger, je les aide pour les devoirs et je les emmène au foot à 15 h.',
    outcome: 'Ma mère peut travailler le mercredi, et mon petit frère a fini son cahier de lecture.',
  })
  await requestAttestation(rt, lucasActor, story, claire.id)
  // Last, so that it holds every credential Samira got above.
  await seedDemoShare(rt, { id: samira.id, role: 'youth' })
  return true
}

/**
 * The demo share's id: a recruiter's link to Samira's portfolio, made at seeding and printed by
 * `npm start` at every start while it is active (its token is kept encrypted, decision 024).
 */
export const DEMO_SHARE_ID = 'b7d3c0de-5a1f-4e2b-9c47-3d8e6f1a2b90'
/** The demo link lasts a year from seeding: long enough to try Tremplin, not for ever. */
const DEMO_SHARE_DAYS = 365
const DEMO_SHARE_USER = 'samira'

async function seedDemoShare(rt: Runtime, samira: { id: string; role: 'youth' }, now = new Date()) {
  const { visible } = await listWalletCards(rt, samira, now)
  await createShare(rt, samira, {
    credentialIds: visible.map((c) => c.id),
    label: 'Pour les recruteurs (démo)',
    about: 'Je cherche un apprentissage en boulangerie autour de Roubaix. J’aime le contact avec les clients et je suis toujours à l’heure.',
    sections: [...PROFILE_SECTIONS],
    expiresInDays: 90,
  }, now, { id: DEMO_SHARE_ID, expiresAt: new Date(now.getTime() + DEMO_SHARE_DAYS * 24 * 3600 * 1000) })
}

/** The demo share's link while it is active (neither revoked by Samira nor ended), else null. */
export async function demoShareLink(rt: Runtime, now = new Date()): Promise<{ url: string; expiresAt: string } | null> {
  const samira = await findUserByIdentifier(rt.db, DEMO_SHARE_USER)
  if (!samira || samira.role !== 'youth') return null
  try {
    const share = await getShareToShow(rt, { id: samira.id, role: 'youth' }, DEMO_SHARE_ID, now)
    return share.url ? { url: share.url, expiresAt: share.expiresAt } : null
  } catch (e) {
    // No demo share here: SEED_DEMO=false, or a database seeded before issue 12.
    if (e instanceof AppError && e.code === 'NOT_FOUND') return null
    throw e
  }
}

/** Samira's path (three kinds of experience, two credentials linked to where they came from), goals and languages. */
async function seedSamiraProfile(rt: Runtime, samira: { id: string; role: string }, credentials: { bakery: string; teamwork: string }) {
  const experience = (input: Omit<Parameters<typeof createExperience>[2], 'credentialIds'> & { credentialIds?: string[] }) =>
    createExperience(rt, samira, { credentialIds: [], ...input })
  await experience({
    kind: 'formal', title: 'Stage en boulangerie', place: 'Boulangerie du Marché, Roubaix', startedOn: '2026-05', endedOn: '2026-06',
    whatIDid: 'J’ai préparé les viennoiseries le matin et servi les clients au comptoir.',
    whatILearned: 'Me lever tôt et être à l’heure, respecter l’hygiène, rendre la monnaie sans me tromper.',
    credentialIds: [credentials.bakery],
  })
  await experience({
    kind: 'non_formal', title: 'Bénévolat à la banque alimentaire', place: 'Mission Locale Roubaix-Tourcoing', startedOn: '2025-10', endedOn: '2026-03',
    whatIDid: 'Avec une équipe de cinq, on triait les dons et on préparait les colis chaque mercredi.',
    whatILearned: 'Travailler en équipe, m’organiser quand il y a beaucoup à faire.',
    credentialIds: [credentials.teamwork],
  })
  await experience({
    kind: 'informal', title: 'M’occuper de mes petits frères', place: 'À la maison', startedOn: '2022-09', endedOn: null,
    whatIDid: 'Je les emmène à l’école, je les aide pour les devoirs et je prépare le repas du soir.',
    whatILearned: 'Être patiente, tenir un emploi du temps, gérer les imprévus.',
  })
  const [baker] = await searchConcepts(rt, { q: 'boulanger', lang: 'fr', kinds: ['occupation'], limit: 1 })
  await saveGoals(rt, samira, {
    goals: [baker ? { occupationUri: baker.uri, label: baker.label } : { occupationUri: null, label: 'Boulangère' }, { occupationUri: null, label: 'Vendeuse en boulangerie' }],
    region: 'Hauts-de-France, autour de Roubaix',
    availability: 'soon',
    languages: [{ code: 'fr', level: 'native' }, { code: 'ar', level: 'fluent' }, { code: 'en', level: 'basic' }],
  })
}
