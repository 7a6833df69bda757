import { fileURLToPath } from 'node:url'
import { ESLint } from 'eslint'
import { beforeAll, describe, expect, it } from 'vitest'

// The architecture's rules in eslint.config.mjs (README "Layout", decision 035), checked on small
// pieces of code as if they were files of the project: each rule must still catch what it states,
// and leave alone what it allows. A rule that stops matching (a moved folder, a plugin that changed
// its options) fails here instead of going quiet.

const root = fileURLToPath(new URL('../../../', import.meta.url))
let eslint: ESLint

beforeAll(() => {
  eslint = new ESLint({ cwd: root })
})

async function rulesBroken(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  const boundaries = ['no-restricted-imports', 'import/no-restricted-paths', 'no-restricted-syntax']
  return [...new Set(result!.messages.map((m) => m.ruleId ?? 'fatal').filter((id) => boundaries.includes(id) || id === 'fatal'))].sort()
}

describe('the architecture as lint rules', () => {
  it.each([
    ['app/x/page.tsx', "import { getDb } from '@/db/client'\nexport const f = getDb\n", ['import/no-restricted-paths', 'no-restricted-imports']],
    ['app/x/page.tsx', "import { createAgent } from '@veramo/core'\nexport const f = createAgent\n", ['no-restricted-imports']],
    ['app/x/page.tsx', "import { verify } from '@digitalbazaar/vc'\nexport const f = verify\n", ['no-restricted-imports']],
    ['app/x/page.tsx', "import type { Kysely } from 'kysely'\nexport type K = Kysely<never>\n", ['no-restricted-imports']],
    ['lib/credentials/x.ts', "import { listLists } from '@/lib/status/repository'\nexport const f = listLists\n", ['import/no-restricted-paths']],
    ['lib/dids/x.ts', "import { findOrganisation } from '../orgs/repository'\nexport const f = findOrganisation\n", ['import/no-restricted-paths']],
    ['lib/orgs/x.ts', "import P from '@/app/layout'\nexport const f = P\n", ['import/no-restricted-paths']],
    ['db/x.ts', "import { listPilotsOf } from '@/lib/pilots/repository'\nexport const f = listPilotsOf\n", ['import/no-restricted-paths']],
    ['lib/orgs/service.ts', "export const f = (db: never) => db.selectFrom('users').selectAll().execute()\n", ['no-restricted-syntax']],
    ['lib/orgs/service.ts', "import { sql } from 'kysely'\nexport const f = sql\n", ['no-restricted-imports']],
  ])('%s breaks a boundary: %s', async (file, code, rules) => {
    expect(await rulesBroken(file, code)).toEqual(rules)
  })

  it.each([
    ['lib/credentials/x.ts', "import { AppError } from '@/lib/errors'\nexport const f = AppError\n"],
    ['lib/dids/x.ts', "import 'server-only'\nimport { decodeList } from '@/lib/credentials/bitstring'\nexport const f = decodeList\n"],
    ['lib/orgs/repository.ts', "import { sql } from 'kysely'\nexport const f = (db: never) => db.selectFrom('users').select(sql`1`.as('x')).execute()\n"],
    ['lib/orgs/service.ts', "import type { Transaction } from 'kysely'\nexport type T = Transaction<never>\n"],
    ['lib/orgs/service.ts', "import { prepareOrganisationDidWeb } from '@/lib/orgs/did-web'\nimport { localDidDocument } from '@/lib/dids/organisation-did'\nexport const f = [prepareOrganisationDidWeb, localDidDocument]\n"],
    ['app/x/page.tsx', "import { listPilots } from '@/lib/pilots/service'\nexport const f = listPilots\n"],
  ])('%s keeps within the boundaries: %s', async (file, code) => {
    expect(await rulesBroken(file, code)).toEqual([])
  })
})
