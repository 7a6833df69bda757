import type { Metadata } from 'next'
import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { listOrganisations } from '@/lib/orgs/service'
import { getRuntime } from '@/lib/runtime'
import { DeveloperSection } from '../../_components/developer-section'
import { OrganisationList } from '../../_components/organisation-list'

export const dynamic = 'force-dynamic'

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('developers.meta')
  return { title: t('title'), description: t('description') }
}

/** For integrators: the open interfaces, the standards, and the DID each trusted organisation signs with. */
export default async function DevelopersPage() {
  const rt = await getRuntime()
  const [t, orgs] = await Promise.all([getTranslations('developers'), listOrganisations(rt)])
  return (
    <main id="content" tabIndex={-1}>
      <section className="section" aria-labelledby="developers-title">
        <div className="container">
          <h1 id="developers-title">{t('title')}</h1>
          <p className="section__intro">{t('intro')}</p>
          <p className="section__intro"><Link href="/">{t('back')}</Link></p>
        </div>
      </section>
      <DeveloperSection />
      <section className="section" id="organisations" aria-labelledby="organisations-title">
        <div className="container">
          <h2 id="organisations-title">{t('organisations.title')}</h2>
          <p className="section__intro">{t('organisations.intro')}</p>
          {/* Only the registry of trusted issuers: an organisation waiting for approval (or suspended) cannot issue. */}
          <OrganisationList orgs={orgs.filter((o) => o.status === 'approved')} />
        </div>
      </section>
    </main>
  )
}
