'use client'
import { usePathname } from 'next/navigation'
import { useEffect, useId, useRef, useState } from 'react'

/**
 * A button that shows and hides a panel (the WAI-ARIA disclosure pattern), for the header's small
 * menus: closed again by Escape (focus back on the button), a click or focus outside, and a new page.
 */
export function useDisclosure<T extends HTMLElement = HTMLDivElement>() {
  const [open, setOpen] = useState(false)
  const [openedOn, setOpenedOn] = useState<string | null>(null)
  const path = usePathname()
  const root = useRef<T>(null)
  const button = useRef<HTMLButtonElement>(null)
  const panelId = useId()
  // A menu opened on another page is closed: the layout (and this state) outlives a navigation.
  const shown = open && openedOn === path

  useEffect(() => {
    if (!shown) return
    const outside = (e: Event) => {
      if (root.current && e.target instanceof Node && !root.current.contains(e.target)) setOpen(false)
    }
    const escape = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return
      setOpen(false)
      button.current?.focus()
    }
    document.addEventListener('pointerdown', outside)
    document.addEventListener('focusin', outside)
    document.addEventListener('keydown', escape)
    return () => {
      document.removeEventListener('pointerdown', outside)
      document.removeEventListener('focusin', outside)
      document.removeEventListener('keydown', escape)
    }
  }, [shown])

  return {
    open: shown,
    rootRef: root,
    buttonProps: {
      ref: button,
      type: 'button' as const,
      'aria-expanded': shown,
      'aria-controls': panelId,
      onClick: () => {
        setOpenedOn(path)
        setOpen(!shown)
      },
    },
    panelProps: {
      id: panelId,
      hidden: !shown,
      // A link followed from the panel closes it, even one to the page already shown.
      onClick: (e: { target: EventTarget }) => {
        if (e.target instanceof Element && e.target.closest('a')) setOpen(false)
      },
    },
  }
}
