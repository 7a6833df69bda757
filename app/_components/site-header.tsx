import Link from 'next/link'
import { getLocale, getTranslations } from 'next-intl/server'
import { getCurrentUser } from '@/lib/auth/guards'
import { LOCALES } from '@/lib/i18n/config'
import { AccountMenu } from './account-menu'
import { BrandLink } from './brand-link'
import { LangSwitch } from './lang-switch'
import { NAV, type NavLink } from './nav-items'
import { NotificationBell } from './notification-bell'
import { TabBar } from './tab-bar'

/** The header of every page: brand, the role's navigation (a tab bar on a phone), notifications, language, account. */
export async function SiteHeader() {
  const [t, tPilots, tPrivacy, locale, user] = await Promise.all([getTranslations('shell'), getTranslations('pilots'), getTranslations('privacy'), getLocale(), getCurrentUser()])
  const nav = user ? NAV[user.role] : null
  const linkLabel = (item: NavLink) => item.ns === 'pilots' ? tPilots('nav') : item.ns === 'privacy' ? tPrivacy('nav') : t(`nav.${item.key}`)
  return (
    <header className="site-header">
      <div className="container site-header__inner">
        <BrandLink name="Tremplin" />
        {user && nav ? (
          <TabBar
            label={t('nav.label')}
            tabs={nav.tabs.map((tab) => ({ href: tab.href, icon: tab.icon, label: t(`tabs.${tab.tab}`) }))}
            more={{ label: t('tabs.more'), items: nav.more.map((item) => ({ href: item.href, label: linkLabel(item) })) }}
          />
        ) : <p className="tagline">{t('tagline')}</p>}
        {/* Notifications (issue 12, point 5), between the navigation and the language. */}
        {user && <div className="site-header__notifications"><NotificationBell user={user} /></div>}
        <LangSwitch label={t('language.label')} current={locale} options={LOCALES.map((l) => ({ locale: l, name: t(`language.${l}`) }))} />
        {user ? (
          <AccountMenu name={user.displayName} label={t('account.label', { name: user.displayName })} signedInAs={t('signedInAs', { name: user.displayName })} password={t('account.password')} signOut={t('signOut')} />
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
