import { GLYPH_STROKE, GLYPH_TRANSFORM, PICTOGRAMS, VIEWBOX, type PictogramFamily } from '@/lib/credentials/pictograms/shapes'
import { pictogramFamilyOf, type SkillForPictogram } from '@/lib/credentials/pictograms/families'

export interface BadgePictogramProps {
  /** The family to draw; or give `skill` and the family is worked out from its name and alignments. */
  family?: PictogramFamily
  skill?: SkillForPictogram
  /** Pixels (width = height). */
  size?: number
  /**
   * Words for a picture that stands alone (no skill name next to it). Without `alt` the picture is
   * decorative (`aria-hidden`): the skill name beside it already says everything.
   */
  alt?: string
  className?: string
}

/**
 * A badge's pictogram (one per skill family, bundled SVG: lib/credentials/pictograms). Server-safe
 * and hook-free: usable in server and client components. Same drawing as the `image` a badge
 * carries since issue 12.
 */
export function BadgePictogram({ family, skill, size = 40, alt, className }: BadgePictogramProps) {
  const f: PictogramFamily = family ?? (skill ? pictogramFamilyOf(skill) : 'other')
  const p = PICTOGRAMS[f]
  const a11y = alt ? { role: 'img', 'aria-label': alt } : { 'aria-hidden': true as const, focusable: 'false' as const }
  return (
    <svg viewBox={VIEWBOX} width={size} height={size} className={className} data-family={f} {...a11y}>
      <circle cx="24" cy="24" r="24" fill={p.colour} />
      <g transform={GLYPH_TRANSFORM} {...GLYPH_STROKE}>
        {p.glyph.map((s, i) => ('d' in s ? <path key={i} d={s.d} /> : <circle key={i} cx={s.cx} cy={s.cy} r={s.r} />))}
      </g>
    </svg>
  )
}
