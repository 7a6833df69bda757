import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

/** ../shared/taxonomies beside the clone (external test data, read in place, never copied). */
export const SHARED_TAXONOMIES = resolve(import.meta.dirname, '../../../../shared/taxonomies')

export const SKILL_1 = 'http://data.europa.eu/esco/skill/test-0001'
export const SKILL_2 = 'http://data.europa.eu/esco/skill/test-0002'
export const SKILL_3 = 'http://data.europa.eu/esco/skill/test-0003'
export const GROUP_1 = 'http://data.europa.eu/esco/skill/test-group-1'

/**
 * A small ESCO-shaped CSV written by the test: a multi-line altLabels cell, a quote inside a
 * description, CRLF line ends, a concept type we leave out (ISCOGroup) and a row without a label.
 */
export function escoSkillsCsv(overrides: { teamworkLabel?: string } = {}): string {
  const header = 'conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels,hiddenLabels,status,modifiedDate,scopeNote,definition,inScheme,description'
  const rows = [
    `KnowledgeSkillCompetence,${SKILL_1},skill/competence,transversal,${overrides.teamworkLabel ?? 'travailler en équipe'},"coopérer avec les autres\ntravailler en groupe\nfaire équipe",,released,2022-07-27,,,,"Travailler avec d’autres pour un ""objectif"" commun."`,
    `KnowledgeSkillCompetence,${SKILL_2},skill/competence,transversal,"Équiper un atelier",,,released,2022-07-27,,,,Installer le matériel.`,
    `KnowledgeSkillCompetence,${SKILL_3},skill/competence,transversal,gérer son stress,"garder son calme, même sous pression",,released,2022-07-27,,,,`,
    `SkillGroup,${GROUP_1},,,compétences sociales,,,released,2022-07-27,,,,`,
    'ISCOGroup,http://data.europa.eu/esco/isco/C5,,,Personnel des services,,,released,2022-07-27,,,,',
    'KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/test-nolabel,,,,,,released,,,,,',
  ]
  return [header, ...rows].join('\r\n') + '\r\n'
}

export function escoSkillsCsvEn(): string {
  return 'conceptType,conceptUri,preferredLabel,altLabels,description\n'
    + `KnowledgeSkillCompetence,${SKILL_1},work in teams,"collaborate\nteamwork",Work with others.\n`
    + `KnowledgeSkillCompetence,${SKILL_2},equip a workshop,,Install equipment.\n`
}

export function tempDir(prefix = 'tremplin-taxonomy-'): { dir: string; write: (name: string, text: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  return {
    dir,
    write: (name, text) => {
      const path = join(dir, name)
      writeFileSync(path, text)
      return path
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  }
}
