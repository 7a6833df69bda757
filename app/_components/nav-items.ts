import type { Role } from '@/lib/auth/service'

// Where each role goes, shared by the tab bar (phone) and the header's navigation (wide screens):
// at most five tabs, the most used first; the rest under "More". Labels are message keys:
// `tab` in shell.tabs (short, fits a 72 px tab), `key` in shell.nav (or the owning namespace's `nav`).

export type NavIcon = 'wallet' | 'profile' | 'share' | 'messages' | 'more' | 'home' | 'people' | 'issue' | 'attest' | 'directory' | 'verify' | 'organisations' | 'reports'

export interface NavTab { href: string; tab: string; icon: NavIcon }
export interface NavLink { href: string; key: string; ns?: 'pilots' | 'privacy' }

const STAFF_TABS: NavTab[] = [
  { href: '/issuer', tab: 'home', icon: 'home' },
  { href: '/issuer/young-people', tab: 'youngPeople', icon: 'people' },
  { href: '/issuer/issue', tab: 'issue', icon: 'issue' },
  { href: '/issuer/stories', tab: 'attest', icon: 'attest' },
]

export const NAV: Record<Role, { tabs: NavTab[]; more: NavLink[] }> = {
  youth: {
    tabs: [
      { href: '/wallet', tab: 'wallet', icon: 'wallet' },
      { href: '/profile', tab: 'profile', icon: 'profile' },
      { href: '/wallet/shares', tab: 'shares', icon: 'share' },
      { href: '/contacts', tab: 'contacts', icon: 'messages' },
    ],
    more: [{ href: '/stories', key: 'stories' }, { href: '/privacy', key: 'privacy', ns: 'privacy' }],
  },
  counsellor: {
    tabs: STAFF_TABS,
    more: [{ href: '/issuer/issued', key: 'issued' }, { href: '/issuer/pilots', key: 'pilots', ns: 'pilots' }, { href: '/issuer/team', key: 'team' }],
  },
  tutor: {
    tabs: STAFF_TABS,
    more: [{ href: '/issuer/issued', key: 'issued' }, { href: '/issuer/team', key: 'team' }],
  },
  recruiter: {
    tabs: [
      { href: '/directory', tab: 'directory', icon: 'directory' },
      { href: '/contacts', tab: 'contacts', icon: 'messages' },
      { href: '/verify', tab: 'verify', icon: 'verify' },
    ],
    more: [],
  },
  admin: {
    tabs: [
      { href: '/admin', tab: 'organisations', icon: 'organisations' },
      { href: '/admin/reports', tab: 'reports', icon: 'reports' },
    ],
    more: [{ href: '/admin/accounts', key: 'accounts' }],
  },
}

/**
 * The entry a path belongs to: the longest href that is the path or a folder above it
 * (/wallet/shares/new → /wallet/shares, /wallet/abc → /wallet), or null.
 */
export function currentHref(path: string, hrefs: readonly string[]): string | null {
  let best: string | null = null
  for (const href of hrefs) {
    if ((path === href || path.startsWith(`${href}/`)) && (!best || href.length > best.length)) best = href
  }
  return best
}
