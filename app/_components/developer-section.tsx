interface DeveloperCopy {
  title: string
  intro: string
  listLabel: string
  interfaces: { code: string; text: string; access: string }[]
  standardsLabel: string
  standards: string[]
}

/** The open interfaces and the standards they follow, for integrators. */
export function DeveloperSection({ copy }: { copy: DeveloperCopy }) {
  return (
    <section className="section section--dev" id="developpeurs" aria-labelledby="dev-title">
      <div className="container">
        <h2 id="dev-title">{copy.title}</h2>
        <p className="section__intro">{copy.intro}</p>
        <ul className="interfaces" aria-label={copy.listLabel}>
          {copy.interfaces.map((item) => (
            <li key={item.code} className="interface">
              <code className="interface__code">{item.code}</code>
              <span className="interface__text">{item.text}</span>
              <span className="interface__access">{item.access}</span>
            </li>
          ))}
        </ul>
        <p className="standards">
          <span className="standards__label">{copy.standardsLabel}</span>{' '}
          {copy.standards.join(' · ')}
        </p>
      </div>
    </section>
  )
}
