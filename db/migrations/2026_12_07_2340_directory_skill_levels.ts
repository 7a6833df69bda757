import type { Kysely } from 'kysely'

// Issue 12 §9: a blind profile shows every skill a young person holds, each with its level.
// - credential_skills.skill_level: the skill level the credential states (discovering …
//   expert, our rubric), null when it states none.
// - Re-indexed from the stored documents: a key competence alignment is keyed `<document>#KC<n>`
//   (every key competence shares the Recommendation's URL, so two of them were one row), and a
//   badge aligned to nothing gets one row keyed by its achievement id, labelled with its title.
//   The evidence level already indexed is kept. Self-contained (no import from lib/): frozen once
//   landed — change the schema with a new migration, never by editing this one.
const KC_DOCUMENT = 'https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32018H0604(01)'
const LEVELS = ['discovering', 'practising', 'autonomous', 'expert']

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('credential_skills').addColumn('skill_level', 'text').execute()
  const PAGE = 200
  for (let offset = 0; ; offset += PAGE) {
    const rows: { id: string; document: string }[] = await db.selectFrom('credentials').select(['id', 'document']).orderBy('id').limit(PAGE).offset(offset).execute()
    if (rows.length === 0) break
    for (const row of rows) {
      const credential = parse(row.document)
      if (!credential) continue
      const old: { evidence_level: string | null }[] = await db.selectFrom('credential_skills').select('evidence_level').where('credential_id', '=', row.id).execute()
      const evidence_level = old[0]?.evidence_level ?? null
      const skills = skillsOf(credential)
      if (skills.size === 0) continue
      const level = levelOf(credential)
      await db.deleteFrom('credential_skills').where('credential_id', '=', row.id).execute()
      await db.insertInto('credential_skills')
        .values([...skills].map(([skill_uri, label]) => ({ credential_id: row.id, skill_uri, label, evidence_level, skill_level: level })))
        .execute()
    }
  }
}

function parse(document: string): any {
  try {
    if (document.trimStart().startsWith('{')) return JSON.parse(document)
    return JSON.parse(Buffer.from(document.split('.')[1] ?? '', 'base64url').toString('utf8')).vc
  } catch {
    return undefined
  }
}

const list = (v: any): any[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v])
const isObj = (v: any) => typeof v === 'object' && v !== null && !Array.isArray(v)

function levelOf(credential: any): string | null {
  for (const s of list(credential?.credentialSubject).filter(isObj)) {
    for (const r of list(s.result).filter(isObj)) {
      const level = r.resultDescription === 'urn:tremplin:result:level' && typeof r.achievedLevel === 'string' ? r.achievedLevel.replace(/^urn:tremplin:level:/, '') : ''
      if (LEVELS.includes(level)) return level
    }
  }
  return null
}

function skillsOf(credential: any): Map<string, string> {
  const out = new Map<string, string>()
  for (const s of list(credential?.credentialSubject).filter(isObj)) {
    const achievement = isObj(s.achievement) ? s.achievement : {}
    const alignments = list(achievement.alignment).filter(isObj)
    for (const a of alignments) {
      if (typeof a.targetUrl !== 'string' || !a.targetUrl) continue
      const code = typeof a.targetCode === 'string' && /^KC[1-8]$/.test(a.targetCode) ? a.targetCode : undefined
      const uri = a.targetUrl === KC_DOCUMENT && code ? `${a.targetUrl}#${code}` : a.targetUrl
      if (!out.has(uri)) out.set(uri, (typeof a.targetName === 'string' && a.targetName.trim() ? a.targetName : a.targetUrl).slice(0, 500))
    }
    if (alignments.length === 0 && typeof achievement.id === 'string' && typeof achievement.name === 'string' && achievement.name.trim()) {
      out.set(achievement.id.slice(0, 500), achievement.name.trim().slice(0, 500))
    }
  }
  return out
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('credential_skills').dropColumn('skill_level').execute()
}
