import Link from 'next/link'
import { getLocale, getTranslations } from 'next-intl/server'
import { signOutAction } from '@/app/_actions/session'
import { getCurrentUser } from '@/lib/auth/guards'
import type { Role } from '@/lib/auth/service'
import { LOCALES } from '@/lib/i18n/config'
import { BrandLink } from './brand-link'
import { LangSwitch } from './lang-switch'

// `ns`: the entry's label is that namespace's `nav` message (a feature that owns its words).
const NAV: Record<Role, { href: string; key: string; ns?: 'pilots' | 'privacy' }[]> = {
  youth: [{ href: '/wallet', key: 'wallet' }, { href: '/profile', key: 'profile' }, { href: '/stories', key: 'stories' }, { href: '/wallet/shares', key: 'shares' }, { href: '/contacts', key: 'contacts' }, { href: '/privacy', key: 'privacy', ns: 'privacy' }],
  counsellor: [{ href: '/issuer', key: 'issuer' }, { href: '/issuer/young-people', key: 'youngPeople' }, { href: '/issuer/issue', key: 'issue' }, { href: '/issuer/issued', key: 'issued' }, { href: '/issuer/stories', key: 'attest' }, { href: '/issuer/pilots', key: 'pilots', ns: 'pilots' }, { href: '/issuer/team', key: 'team' }],
  tutor: [{ href: '/issuer', key: 'issuer' }, { href: '/issuer/young-people', key: 'youngPeople' }, { href: '/issuer/issue', key: 'issue' }, { href: '/issuer/issued', key: 'issued' }, { href: '/issuer/stories', key: 'attest' }, { href: '/issuer/team', key: 'team' }],
  recruiter: [{ href: '/directory', key: 'directory' }, { href: '/contacts', key: 'contacts' }, { href: '/verify', key: 'verify' }],
  admin: [{ href: '/admin', key: 'admin' }, { href: '/admin/reports', key: 'reports' }],
}

/** The header of every page: brand, the role's navigation, the language switch, the account. */
export async function SiteHeader() {
  const [t, tPilots, tPrivacy, locale, user] = await Promise.all([getTranslations('shell'), getTranslations('pilots'), getTranslations('privacy'), getLocale(), getCurrentUser()])
  return (
    // How much navigation there is decides from which width everything fits on one row (globals.css).
    <header className="site-header" data-nav={!user ? 'none' : NAV[user.role].length > 2 ? 'long' : 'short'}>
      <div className="container site-header__inner">
        <BrandLink name="Tremplin" />
        {user ? (
          <nav aria-label={t('nav.label')} className="site-nav">
            <ul>
              {NAV[user.role].map((item) => (
                <li key={item.href}><Link href={item.href}>{item.ns === 'pilots' ? tPilots('nav') : item.ns === 'privacy' ? tPrivacy('nav') : t(`nav.${item.key}`)}</Link></li>
              ))}
            </ul>
          </nav>
        ) : <p className="tagline">{t('tagline')}</p>}
        <LangSwitch label={t('language.label')} current={locale} options={LOCALES.map((l) => ({ locale: l, name: t(`language.${l}`) }))} />
        {user ? (
          <form action={signOutAction} className="account">
            <span className="account__name">{t('signedInAs', { name: user.displayName })}</span>
            <button type="submit" className="button button--small button--secondary">{t('signOut')}</button>
          </form>
        ) : (
          <Link href="/sign-in" className="account button button--small button--primary">{t('signIn')}</Link>
        )}
      </div>
    </header>
  )
}

export async function SiteFooter() {
  const t = await getTranslations('shell')
  return (
    <footer className="site-footer">
      <div className="container site-footer__inner">
        <p>{t('footer.acrojump')}</p>
        <p>{t('footer.limits')}</p>
        <p><Link href="/verify">{t('footer.verify')}</Link></p>
      </div>
    </footer>
  )
}
