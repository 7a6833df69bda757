import { GLYPH_STROKE, GLYPH_TRANSFORM, PICTOGRAMS, VIEWBOX, type PictogramFamily, type Shape } from './shapes'

function shapeToSvg(s: Shape): string {
  return 'd' in s ? `<path d="${s.d}"/>` : `<circle cx="${s.cx}" cy="${s.cy}" r="${s.r}"/>`
}

/** The pictogram of a family as a standalone SVG document (about 400–600 bytes). */
export function pictogramSvg(family: PictogramFamily): string {
  const p = PICTOGRAMS[family]
  const g = GLYPH_STROKE
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${VIEWBOX}" width="96" height="96">`
    + `<circle cx="24" cy="24" r="24" fill="${p.colour}"/>`
    + `<g transform="${GLYPH_TRANSFORM}" fill="${g.fill}" stroke="${g.stroke}" stroke-width="${g.strokeWidth}" stroke-linecap="${g.strokeLinecap}" stroke-linejoin="${g.strokeLinejoin}">`
    + p.glyph.map(shapeToSvg).join('')
    + '</g></svg>'
}

/**
 * The pictogram as a `data:` URI (base64), the `id` of an OB 3.0 `Image`: the badge carries its
 * own picture, so any wallet or verifier shows it without fetching anything from this service
 * (docs/decisions/028-everyday-skill-search-and-badge-pictograms.md).
 */
export function pictogramDataUri(family: PictogramFamily): string {
  return `data:image/svg+xml;base64,${Buffer.from(pictogramSvg(family), 'utf8').toString('base64')}`
}
