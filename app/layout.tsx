import type { Metadata, Viewport } from 'next'
import type { ReactNode } from 'react'
import './globals.css'

const copy = {
  title: 'Tremplin — tes compétences, prouvées',
  description:
    'Tremplin : le portefeuille de compétences vérifiables des jeunes. Conseillers et tuteurs attestent ce qu’un jeune a appris hors de l’école ; les recruteurs le vérifient en une seconde.',
}

export const metadata: Metadata = {
  title: { default: copy.title, template: '%s · Tremplin' },
  description: copy.description,
  applicationName: 'Tremplin',
}

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: '#0e5a61',
  colorScheme: 'light',
}

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="fr">
      <body>{children}</body>
    </html>
  )
}
