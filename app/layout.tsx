import type { Metadata, Viewport } from 'next'
import { NextIntlClientProvider } from 'next-intl'
import { getLocale, getTranslations } from 'next-intl/server'
import type { ReactNode } from 'react'
import { SiteFooter, SiteHeader } from './_components/site-header'
import './globals.css'

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('landing.meta')
  return {
    title: { default: t('title'), template: '%s · Tremplin' },
    description: t('description'),
    applicationName: 'Tremplin',
  }
}

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: '#0e5a61',
  colorScheme: 'light',
  // The page may run under a phone's home indicator: the tab bar pads itself by env(safe-area-inset-bottom).
  viewportFit: 'cover',
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [locale, t] = await Promise.all([getLocale(), getTranslations('shell')])
  return (
    <html lang={locale} data-scroll-behavior="smooth">
      <body>
        <NextIntlClientProvider>
          <a className="skip-link" href="#content">{t('skipLink')}</a>
          <SiteHeader />
          {children}
          <SiteFooter />
        </NextIntlClientProvider>
      </body>
    </html>
  )
}
