'use client'
import { useEffect, useState } from 'react'

/** A result of GET /api/taxonomy/search. */
export interface Concept {
  uri: string
  kind: string
  framework?: string
  code?: string | null
  label: string
  description?: string | null
  /** The language of `label` (the reader's, else English, else another). */
  lang?: string
  /** The everyday word or alternative label that found it, when not its own label. */
  matched?: string
}

export type SearchStatus = 'idle' | 'loading' | 'done' | 'unavailable'

/**
 * Searches the taxonomies (ESCO, the EU key competences) in `lang` as the user types: debounced,
 * stale answers dropped, only concepts of the given `kinds`. Used by the issuer's skill picker and
 * the young person's goals.
 */
export function useTaxonomySearch(query: string, lang: string, kinds: readonly string[], limit = 8) {
  const [results, setResults] = useState<Concept[]>([])
  const [status, setStatus] = useState<SearchStatus>('idle')
  const kindList = kinds.join(',')
  // Too short to search: no results, not loading (set during render when the query becomes short).
  const short = query.trim().length < 2
  const [wasShort, setWasShort] = useState(short)
  if (short !== wasShort) {
    setWasShort(short)
    if (short) {
      setResults([])
      setStatus((s) => (s === 'unavailable' ? s : 'idle'))
    }
  }
  useEffect(() => {
    const q = query.trim()
    if (q.length < 2) return
    const wanted = new Set(kindList.split(','))
    const controller = new AbortController()
    const timer = window.setTimeout(async () => {
      setStatus('loading')
      try {
        const params = new URLSearchParams({ q, lang, kinds: kindList, limit: String(limit) })
        const res = await fetch(`/api/taxonomy/search?${params}`, { signal: controller.signal })
        if (!res.ok) throw new Error(String(res.status))
        const body = (await res.json()) as { results?: Concept[] }
        setResults((body.results ?? []).filter((c) => wanted.has(c.kind)))
        setStatus('done')
      } catch (e) {
        if ((e as Error).name !== 'AbortError') {
          setResults([])
          setStatus('unavailable')
        }
      }
    }, 200)
    return () => {
      controller.abort()
      window.clearTimeout(timer)
    }
  }, [query, lang, kindList, limit])
  return { results, status }
}
