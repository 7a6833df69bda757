// Pure helpers, safe in a client component (the registration form derives the slug as one types).

/** An organisation's slug: lowercase letters, digits and dashes, 2 to 50 characters. Used in URLs (status lists, did:web). */
export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?$/

/** "Club Sportif de Wattrelos" → "club-sportif-de-wattrelos": accents dropped, anything else a dash, 50 characters at most. */
export function slugify(name: string): string {
  return name
    .normalize('NFD').replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50)
    .replace(/-+$/g, '')
}
