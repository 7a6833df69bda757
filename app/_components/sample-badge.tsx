interface SampleBadgeCopy {
  caption: string
  kind: string
  skill: string
  context: string
  issuerLabel: string
  issuer: string
  dateLabel: string
  date: string
  verified: string
}

/** An illustration of what a young person's badge looks like; labelled as an example, not a real credential. */
export function SampleBadge({ copy }: { copy: SampleBadgeCopy }) {
  return (
    <figure className="sample">
      <div className="sample__card">
        <p className="sample__kind">{copy.kind}</p>
        <p className="sample__skill">{copy.skill}</p>
        <p className="sample__context">{copy.context}</p>
        <dl className="sample__meta">
          <div>
            <dt>{copy.issuerLabel}</dt>
            <dd>{copy.issuer}</dd>
          </div>
          <div>
            <dt>{copy.dateLabel}</dt>
            <dd>{copy.date}</dd>
          </div>
        </dl>
        <p className="pill pill--ok">
          <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
            <path d="M3.5 8.5l3 3 6-7" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
          {copy.verified}
        </p>
      </div>
      <figcaption>{copy.caption}</figcaption>
    </figure>
  )
}
