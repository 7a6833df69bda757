'use client'
import Link from 'next/link'
import { usePathname } from 'next/navigation'
import { NavIcon } from './nav-icon'
import { currentHref, type NavIcon as IconName } from './nav-items'
import { useDisclosure } from './use-disclosure'
import './tab-bar.css'

export interface TabBarProps {
  label: string
  tabs: { href: string; label: string; icon: IconName }[]
  /** The destinations that have no tab of their own; none, no "More" tab. */
  more: { label: string; items: { href: string; label: string }[] }
}

/**
 * The role's navigation: a bar of at most five tabs fixed at the bottom of a phone's screen, the
 * header's one row on a wide screen (tab-bar.css). The current page's link says so (aria-current).
 */
export function TabBar({ label, tabs, more }: TabBarProps) {
  const path = usePathname()
  const current = currentHref(path, [...tabs, ...more.items].map((i) => i.href))
  return (
    <nav aria-label={label} className="tab-bar">
      <ul className="tab-bar__list" data-count={tabs.length + (more.items.length ? 1 : 0)}>
        {tabs.map((tab) => (
          <li key={tab.href}>
            <Link href={tab.href} className="tab-bar__tab" aria-current={current === tab.href ? 'page' : undefined}>
              <span className="tab-bar__icon"><NavIcon name={tab.icon} /></span>
              <span className="tab-bar__label">{tab.label}</span>
            </Link>
          </li>
        ))}
        {more.items.length > 0 && <MoreTab more={more} current={current} />}
      </ul>
    </nav>
  )
}

function MoreTab({ more, current }: { more: TabBarProps['more']; current: string | null }) {
  const { rootRef, buttonProps, panelProps } = useDisclosure<HTMLLIElement>()
  const inside = more.items.some((i) => i.href === current)
  return (
    <li ref={rootRef} className="tab-bar__more">
      <button {...buttonProps} className="tab-bar__tab" data-current={inside || undefined}>
        <span className="tab-bar__icon"><NavIcon name="more" /></span>
        <span className="tab-bar__label">{more.label}</span>
      </button>
      <ul {...panelProps} className="tab-bar__panel">
        {more.items.map((item) => (
          <li key={item.href}>
            <Link href={item.href} aria-current={current === item.href ? 'page' : undefined}>{item.label}</Link>
          </li>
        ))}
      </ul>
    </li>
  )
}
