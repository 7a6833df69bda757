import type { NextConfig } from 'next'
import createNextIntlPlugin from 'next-intl/plugin'
import { ACTION_BODY_LIMIT_BYTES } from './lib/security/body-limit'
import { FIXED_SECURITY_HEADERS, NO_REFERRER_PATHS } from './lib/security/headers'

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts')

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Development only: a second build beside the main one (e.g. two branches built at once).
  ...(process.env.NEXT_DIST_DIR ? { distDir: process.env.NEXT_DIST_DIR } : {}),
  // Metadata (the <title>) rendered in <head> before the page, for every client, not streamed in
  // later: screen readers and axe see each page's title at once.
  htmlLimitedBots: /.*/,
  // forbidden() for a signed-in user of the wrong role (app/forbidden.tsx).
  experimental: {
    authInterrupts: true,
    // Server actions read the body before our own limits apply: room for a 2 MB evidence photo
    // plus its form, and for a 1 MB credential pasted into /verify (each action checks its own limit).
    // Over it, proxy.ts answers 413 (lib/security/body-limit.ts).
    serverActions: { bodySizeLimit: ACTION_BODY_LIMIT_BYTES },
  },
  // The credential stack (jsonld, Veramo, the Digital Bazaar suites) is plain Node code:
  // loading it from node_modules at run time keeps one copy of each module and of its caches.
  serverExternalPackages: [
    '@digitalbazaar/vc',
    '@digitalbazaar/data-integrity',
    '@digitalbazaar/eddsa-rdfc-2022-cryptosuite',
    '@digitalbazaar/ed25519-signature-2020',
    'jsonld',
    'jsonld-signatures',
    '@veramo/core',
    '@veramo/credential-w3c',
    '@veramo/credential-jwt',
    '@veramo/kms-local',
    '@veramo/key-manager',
    '@veramo/did-manager',
    '@veramo/did-resolver',
    '@veramo/did-provider-key',
    'ajv',
    // The verification pool loads its worker (lib/verification/worker-entry.mjs) from the project
    // folder at run time: piscina itself must not be bundled either (docs/decisions/018).
    'piscina',
  ],
  async headers() {
    return [
      { source: '/:path*', headers: FIXED_SECURITY_HEADERS },
      // The last match wins: these paths get the stricter Referrer-Policy.
      ...NO_REFERRER_PATHS.map((source) => ({
        source,
        headers: [{ key: 'Referrer-Policy', value: 'no-referrer' }],
      })),
    ]
  },
}

export default withNextIntl(nextConfig)
