import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { createTranslator, NextIntlClientProvider } from 'next-intl'
import { expect, test } from 'vitest'
import { CredentialCard, type Translate } from '@/app/_components/credential-card'
import { toCard } from '@/lib/wallet/cards'
import en from '@/messages/en'

// A card shows documents from anywhere (imports, /verify): only http(s) URLs become links.

test('an alignment whose targetUrl is not http(s) is shown as text, never as a link', () => {
  const document = {
    '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential', 'OpenBadgeCredential'], issuer: { id: 'did:web:elsewhere.example', name: 'Elsewhere' },
    validFrom: '2026-11-01T00:00:00Z',
    credentialSubject: { id: 'did:key:z6MkSomeone', achievement: { name: 'Cuisiner', alignment: [
      { targetName: 'Piège', targetUrl: 'javascript:alert(document.cookie)' },
      { targetName: 'cuisiner', targetUrl: 'http://data.europa.eu/esco/skill/cuisiner' },
    ] } },
  }
  const t = createTranslator({ locale: 'en', messages: en, namespace: 'portfolio' }) as unknown as Translate
  const html = renderToStaticMarkup(createElement(NextIntlClientProvider, {
    locale: 'en', messages: en, timeZone: 'Europe/Paris',
    children: createElement(CredentialCard, { card: toCard({ document }), t, locale: 'en', variant: 'full' }),
  }))
  expect(html).toContain('Piège')
  expect(html).not.toMatch(/href="javascript:/i)
  expect(html).toContain('href="http://data.europa.eu/esco/skill/cuisiner"')
})
