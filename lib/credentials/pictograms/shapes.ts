// The badge pictograms: one per skill family, drawn by the Tremplin authors (no external image).
// One grid for all: a 48×48 disc in the family's colour, a white line glyph drawn on a 24×24 grid
// in its middle (stroke 2, round ends), so every badge reads as one set at any size.

export const PICTOGRAM_FAMILIES = [
  'care', 'hospitality', 'commerce', 'manual', 'digital', 'communication', 'organisation', 'activities', 'other',
] as const
export type PictogramFamily = (typeof PICTOGRAM_FAMILIES)[number]

export function isPictogramFamily(value: unknown): value is PictogramFamily {
  return typeof value === 'string' && (PICTOGRAM_FAMILIES as readonly string[]).includes(value)
}

/** One glyph element: a path, or a circle. */
export type Shape = { d: string } | { cx: number; cy: number; r: number }

export interface Pictogram {
  /** The disc's colour: white on it is at least 4.5:1. */
  colour: string
  glyph: readonly Shape[]
}

export const PICTOGRAMS: Record<PictogramFamily, Pictogram> = {
  // Care and social: a heart.
  care: { colour: '#a3224f', glyph: [{ d: 'M12 20s-7.5-4.4-7.5-10.1A4.1 4.1 0 0 1 12 7.6a4.1 4.1 0 0 1 7.5 2.3C19.5 15.6 12 20 12 20z' }] },
  // Hospitality and service: a serving dome on its tray.
  hospitality: { colour: '#9a3f07', glyph: [{ d: 'M3 18h18' }, { d: 'M5 18a7 7 0 0 1 14 0' }, { d: 'M12 8V6' }, { d: 'M10 6h4' }] },
  // Commerce and sales: a shopping bag.
  commerce: { colour: '#0f6b63', glyph: [{ d: 'M5.5 8h13l-1 12h-11z' }, { d: 'M9 10V7a3 3 0 0 1 6 0v3' }] },
  // Construction and manual work: a hammer.
  manual: { colour: '#6b4423', glyph: [{ d: 'M13.5 10.5L4.5 19.5' }, { d: 'M11 8l4-4 5 5-4 4z' }] },
  // Digital: a screen on its stand.
  digital: { colour: '#1d4ed8', glyph: [{ d: 'M4 5h16v11H4z' }, { d: 'M12 16v4' }, { d: 'M8.5 20h7' }] },
  // Communication and teamwork: two people side by side.
  communication: { colour: '#6d28d9', glyph: [{ cx: 9, cy: 8, r: 3 }, { d: 'M3.5 19a5.5 5.5 0 0 1 11 0' }, { cx: 16.5, cy: 9.5, r: 2.5 }, { d: 'M15.5 14.2A4.5 4.5 0 0 1 21 18.5' }] },
  // Organisation: a calendar page with a tick.
  organisation: { colour: '#0e5a61', glyph: [{ d: 'M4 6h16v14H4z' }, { d: 'M4 10h16' }, { d: 'M8 3.5v4' }, { d: 'M16 3.5v4' }, { d: 'M9 15l2 2 4-4' }] },
  // Sport, culture and animation: a ball (a basketball's seams).
  activities: { colour: '#1c6b3a', glyph: [{ cx: 12, cy: 12, r: 8 }, { d: 'M12 4v16' }, { d: 'M4 12h16' }, { d: 'M6.2 6.5c1.7 1.4 2.6 3.3 2.6 5.5s-.9 4.1-2.6 5.5' }, { d: 'M17.8 6.5c-1.7 1.4-2.6 3.3-2.6 5.5s.9 4.1 2.6 5.5' }] },
  // Any other skill: a star.
  other: { colour: '#475569', glyph: [{ d: 'M12 3.5l2.6 5.3 5.9.9-4.3 4.1 1 5.8L12 16.9l-5.2 2.7 1-5.8-4.3-4.1 5.9-.9z' }] },
}

/** The disc and the glyph's placement, shared by the SVG file and the React component. */
export const VIEWBOX = '0 0 48 48'
export const GLYPH_TRANSFORM = 'translate(12 12)'
export const GLYPH_STROKE = { stroke: '#fff', strokeWidth: 2, fill: 'none', strokeLinecap: 'round', strokeLinejoin: 'round' } as const
