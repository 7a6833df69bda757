'use client'
import Link from 'next/link'
import { signOutAction } from '@/app/_actions/session'
import { useDisclosure } from './use-disclosure'

/** The signed-in person's initials in a round button; behind it, who is signed in, their password, and the way out. */
export function AccountMenu({ name, label, signedInAs, password, signOut }: { name: string; label: string; signedInAs: string; password: string; signOut: string }) {
  const { rootRef, buttonProps, panelProps } = useDisclosure()
  return (
    <div ref={rootRef} className="account-menu">
      <button {...buttonProps} className="account-menu__button">
        <span className="account-menu__initials" aria-hidden="true">{initials(name)}</span>
        <span className="visually-hidden">{label}</span>
      </button>
      <div {...panelProps} className="account-menu__panel">
        <p className="account-menu__name">{signedInAs}</p>
        <Link href="/account/password" className="account-menu__link">{password}</Link>
        <form action={signOutAction}>
          <button type="submit" className="button button--small button--secondary">{signOut}</button>
        </form>
      </div>
    </div>
  )
}

function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean)
  return words.slice(0, 2).map((w) => [...w][0]!.toUpperCase()).join('') || '?'
}
