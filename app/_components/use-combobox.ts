'use client'
import { useId, useState, type KeyboardEvent } from 'react'

interface Options<T> {
  /** The options shown in the listbox, in order. */
  options: readonly T[]
  /** Moves the active option back to none when this value changes (the search results). */
  resetOn: unknown
  /** Chooses an option (clicked, or Enter on the active one); the listbox then closes. */
  onPick: (option: T) => void
  /** Enter while no option is active: the caller decides (e.g. never submit the form). */
  onEnter?: (e: KeyboardEvent<HTMLInputElement>) => void
}

/**
 * The listbox mechanics of a WAI-ARIA 1.2 "combobox with listbox popup" (APG combobox pattern):
 * open/closed, the active option (aria-activedescendant, focus stays in the input), ArrowUp/Down
 * wrap around, Enter chooses, Escape closes, blur closes, a mousedown in the listbox keeps focus.
 * The caller renders the elements, spreads these props and owns what choosing means.
 */
export function useCombobox<T>({ options, resetOn, onPick, onEnter }: Options<T>) {
  const listId = useId()
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(-1)
  const expanded = open && options.length > 0
  // New options: no option is active (adjusted during render, not in an effect).
  const [seenResetOn, setSeenResetOn] = useState(resetOn)
  if (resetOn !== seenResetOn) {
    setSeenResetOn(resetOn)
    setActive(-1)
  }

  function pick(option: T) {
    onPick(option)
    setOpen(false)
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault()
      if (!options.length) return
      setOpen(true)
      const step = e.key === 'ArrowDown' ? 1 : -1
      setActive((i) => (i + step + options.length) % options.length)
    } else if (e.key === 'Enter') {
      const option = expanded && active >= 0 ? options[active] : undefined
      if (option !== undefined) {
        e.preventDefault()
        pick(option)
      } else {
        onEnter?.(e)
      }
    } else if (e.key === 'Escape' && expanded) {
      e.preventDefault()
      setOpen(false)
    }
  }

  return {
    expanded,
    active,
    /** Opens the listbox: call it from the input's onChange. */
    show: () => setOpen(true),
    /** Closes the listbox (e.g. after choosing by another way than the list). */
    hide: () => setOpen(false),
    inputProps: {
      role: 'combobox',
      'aria-autocomplete': 'list',
      'aria-expanded': expanded,
      'aria-controls': listId,
      'aria-activedescendant': expanded && active >= 0 ? `${listId}-${active}` : undefined,
      autoComplete: 'off',
      spellCheck: false,
      onKeyDown,
      onFocus: () => setOpen(true),
      onBlur: () => setOpen(false),
    } as const,
    listboxProps: {
      id: listId,
      role: 'listbox',
      hidden: !expanded,
      onMouseDown: (e: { preventDefault(): void }) => e.preventDefault(),
    } as const,
    optionProps: (option: T, i: number) => ({
      id: `${listId}-${i}`,
      role: 'option',
      'aria-selected': i === active,
      onClick: () => pick(option),
      onMouseMove: () => setActive(i),
    } as const),
  }
}
