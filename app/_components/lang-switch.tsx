'use client'
import { usePathname } from 'next/navigation'
import { setLocaleAction } from '@/app/_actions/session'

/**
 * Two buttons, one per language; the choice comes back to the same page. On a phone each shows its
 * two-letter code (globals.css); the button is still named by the language's own name.
 */
export function LangSwitch({ label, current, options }: { label: string; current: string; options: { locale: string; name: string }[] }) {
  const path = usePathname()
  return (
    <form action={setLocaleAction} className="lang-switch" aria-label={label}>
      <input type="hidden" name="back" value={path} />
      {options.map((o) => (
        <button key={o.locale} type="submit" name="locale" value={o.locale} lang={o.locale} aria-pressed={o.locale === current} className="lang-switch__button">
          <span className="lang-switch__code" aria-hidden="true">{o.locale.toUpperCase()}</span>
          <span className="lang-switch__name">{o.name}</span>
        </button>
      ))}
    </form>
  )
}
