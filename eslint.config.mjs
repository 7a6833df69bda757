// `npm run lint`: typescript-eslint, the Next.js rules (with react-hooks and jsx-a11y, through
// eslint-config-next), and the architecture as rules (README, "Layout"; decision 035 for the
// versions). A boundary below is a rule of the design: change it with the design, not around it.
import nextVitals from 'eslint-config-next/core-web-vitals'
import nextTypescript from 'eslint-config-next/typescript'

// The credential engine: it signs, verifies and resolves, and knows no product.
const ENGINE = ['./lib/credentials', './lib/dids']

// What the engine may use from the rest of lib/ (relative to ./lib): itself, the `server-only` marker,
// the error types, the validated environment and plain-text helpers. Everything else in lib/ is a
// product domain (orgs, status, issuing, wallet, …): its lookups come in as injected functions,
// as @digitalbazaar/vc takes documentLoader and checkStatus.
const ENGINE_MAY_USE = ['./credentials', './dids', './errors.ts', './env.ts', './i18n/text.ts', './server-only']

// Kysely calls that build a query. They belong in a repository (repository.ts, *-repository.ts,
// repositories/), a named query module (queries.ts, *-queries.ts), the DID stores Veramo calls
// (lib/dids/stores.ts), db/ itself, and the tooling around the app (scripts/, tests/). A service
// takes `db` or a transaction and passes it to the repository; type imports from kysely are fine.
const QUERY_BUILDERS = 'selectFrom|selectNoFrom|insertInto|replaceInto|updateTable|deleteFrom|mergeInto'
const QUERY_HOMES = [
  'db/**', 'scripts/**', 'tests/**',
  '**/repository.ts', '**/*-repository.ts', '**/repositories/**',
  '**/queries.ts', '**/*-queries.ts',
  'lib/dids/stores.ts',
]
// Modules that still build queries outside a repository when this rule landed (issue 14): each
// is debt to move into its folder's repository.ts, and this list only shrinks.
const QUERIES_NOT_YET_IN_A_REPOSITORY = [
  'lib/auth/sessions.ts',
  'lib/contacts/service.ts',
  'lib/dids/holder.ts',
  'lib/issuing/photo.ts',
  'lib/issuing/service.ts',
  'lib/onboarding/admin.ts',
  'lib/onboarding/team.ts',
  'lib/registry/service.ts',
  'lib/security/limits.ts',
  'lib/security/rate-limit.ts',
  'lib/status/list-credential.ts',
  'lib/stories/service.ts',
]

const config = [
  {
    ignores: [
      '.next/**', '.next-*/**', 'node_modules/**', 'data/**', 'scratch/**', 'test-results/**',
      '.w3c-work/**', 'next-env.d.ts', 'tsconfig.tsbuildinfo',
    ],
  },
  ...nextVitals,
  ...nextTypescript,
  {
    rules: {
      // An unused name is a mistake or a leftover; `_name` says "deliberately unused".
      '@typescript-eslint/no-unused-vars': ['error', {
        argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_',
        destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true,
      }],
      '@typescript-eslint/no-unused-expressions': 'error',
    },
  },
  {
    // db/ works on Kysely<any> where no schema type applies: migrations are frozen against whatever
    // schema their release had (STYLE.md), and the dialect is read off any Kysely.
    files: ['db/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Tests tamper with JSON documents of any shape, and render with createElement, whose typed
    // props carry `children`.
    files: ['tests/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', 'react/no-children-prop': 'off' },
  },
  {
    // A CommonJS file (preloaded with node -r): require is how it imports.
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },

  // lib/ and db/ never reach up into app/; db/ knows no product (errors, environment, logger only).
  {
    files: ['lib/**', 'db/**'],
    rules: {
      'import/no-restricted-paths': ['error', {
        zones: [
          { target: './lib', from: './app', message: 'lib/ never imports app/: data flows app → lib → db.' },
          {
            target: './db', from: './lib', except: ['./errors.ts', './env.ts', './log.ts'],
            message: 'db/ never imports a lib/ domain (only errors, the environment and the logger): data flows app → lib → db.',
          },
          {
            target: ENGINE, from: './lib', except: ENGINE_MAY_USE,
            message: 'The credential engine (lib/credentials, lib/dids) imports no product domain: move the pure helper to lib/codec or the engine, or take the lookup as an injected function.',
          },
        ],
      }],
    },
  },

  // Repositories hold the queries.
  {
    files: ['**/*.ts', '**/*.tsx'],
    ignores: [...QUERY_HOMES, ...QUERIES_NOT_YET_IN_A_REPOSITORY],
    rules: {
      'no-restricted-syntax': ['error', {
        selector: `CallExpression > MemberExpression.callee > Identifier.property[name=/^(${QUERY_BUILDERS})$/]`,
        message: 'Queries live in a repository (repository.ts, *-repository.ts, queries.ts): move this query there and call it with db or the transaction.',
      }],
      'no-restricted-imports': ['error', {
        paths: [{
          name: 'kysely', allowTypeImports: true,
          message: 'Building SQL (sql, expression helpers) belongs in a repository; outside one, import kysely types only (import type).',
        }],
      }],
    },
  },
  // app/ holds routes only: it talks to lib/, never to the database or the credential libraries.
  // (After the block above: for app/ files these no-restricted-imports options replace its own.)
  {
    files: ['app/**'],
    rules: {
      'import/no-restricted-paths': ['error', {
        zones: [{ target: './app', from: './db', message: 'app/ never imports db/: call a lib/ service.' }],
      }],
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['@/db', '@/db/*'], message: 'app/ never imports db/: call a lib/ service.' },
          { group: ['kysely', 'kysely/*', 'better-sqlite3', 'pg'], message: 'app/ never touches the database: call a lib/ service.' },
          { group: ['@veramo/*', '@digitalbazaar/*', 'did-jwt-vc', 'jsonld', 'jsonld-signatures'], message: 'app/ never uses the credential libraries: call lib/credentials or a lib/ service.' },
        ],
      }],
    },
  },
]

export default config
