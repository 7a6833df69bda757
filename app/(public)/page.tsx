import { getRuntime } from '@/lib/runtime'
import { listOrganisations } from '@/lib/orgs/service'
import { countIssuedCredentials } from '@/lib/issuing/service'
import { BrandLink } from '../_components/brand-link'
import { SampleBadge } from '../_components/sample-badge'
import { OrganisationList } from '../_components/organisation-list'
import { DeveloperSection } from '../_components/developer-section'

// Every UI string of the landing lives here, so it can move to message files with next-intl.
const copy = {
  locale: 'fr-FR',
  skipLink: 'Aller au contenu',
  brand: 'Tremplin',
  tagline: 'Le portefeuille de compétences des jeunes',
  hero: {
    eyebrow: 'Pour les jeunes sans diplôme, et celles et ceux qui les accompagnent',
    title: 'Tes compétences, prouvées.',
    lead: 'Bénévolat, sport, aide à la maison, petits boulots : ce que tu as appris compte. Ceux qui t’ont vu faire l’attestent dans un badge numérique signé, et tu le montres à un recruteur avec un simple QR code.',
    audience: 'Pour les conseillers et les tuteurs qui attestent, et pour les recruteurs qui veulent savoir qui se porte garant.',
    primary: 'Comment ça marche',
    secondary: 'Qui fait quoi ?',
  },
  sample: {
    caption: 'Exemple de badge',
    kind: 'Badge de compétence',
    skill: 'Travailler en équipe',
    context: 'Bénévolat à la banque alimentaire, 6 mois',
    issuerLabel: 'Attesté par',
    issuer: 'Association Solidarité Quartier',
    dateLabel: 'Date',
    date: '12 mars 2026',
    verified: 'Signature vérifiée',
  },
  how: {
    title: 'Comment ça marche',
    intro: 'Trois étapes, et personne n’a besoin de te croire sur parole.',
    steps: [
      { title: 'Un pro atteste ta compétence', text: 'Un conseiller ou un tuteur en entreprise qui t’a vu faire te délivre un badge numérique, signé par son organisation.' },
      { title: 'Tu le gardes et tu le partages', text: 'Le badge arrive dans ton portefeuille. Tu choisis ce que tu montres, avec un lien ou un QR code.' },
      { title: 'Le recruteur vérifie en une seconde', text: 'Il ouvre le lien ou scanne le code, et voit sur un seul écran ce qui est prouvé et qui s’en porte garant.' },
    ],
  },
  roles: {
    title: 'Qui fait quoi ?',
    items: [
      { tag: 'Jeune', title: 'Le ou la jeune', text: 'Reçoit ses badges dans son portefeuille, raconte son parcours et choisit quoi montrer, et à qui.' },
      { tag: 'Conseiller', title: 'Le conseiller', text: 'Accompagne des jeunes dans une mission locale, une association ou un organisme de formation, et atteste ce qu’ils ont appris.' },
      { tag: 'Tuteur', title: 'Le tuteur en entreprise', text: 'Atteste un stage, une période d’essai ou un emploi, et les compétences montrées sur le terrain.' },
      { tag: 'Recruteur', title: 'Le recruteur', text: 'Ouvre un portfolio partagé ou scanne un QR code, et voit sur un seul écran ce qui est vérifié.' },
    ],
  },
  instance: {
    title: 'Sur cette instance',
    intro: 'Les organisations inscrites ici peuvent délivrer des badges. Chacune signe avec sa propre identité numérique, un DID.',
    count: { one: 'badge ou attestation délivré ici', other: 'badges et attestations délivrés ici' },
    listLabel: 'Organisations de cette instance',
    empty: 'Aucune organisation n’est encore inscrite sur cette instance.',
    kinds: { youth_support: 'Accompagnement des jeunes', training: 'Organisme de formation', employer: 'Employeur' } as Record<string, string>,
    unknownKind: 'Organisation',
    noRegion: 'Région non précisée',
    didLabel: 'DID',
  },
  dev: {
    title: 'Pour les développeurs',
    intro: 'Tremplin parle les standards ouverts : n’importe quel outil peut vérifier nos badges, sans nous demander la permission.',
    listLabel: 'Interfaces ouvertes',
    interfaces: [
      { code: 'POST /credentials/verify', text: 'Vérifier une attestation (VC-API)', access: 'Public' },
      { code: 'POST /presentations/verify', text: 'Vérifier une présentation (VC-API)', access: 'Public' },
      { code: 'POST /credentials/issue', text: 'Délivrer une attestation', access: 'Jeton d’organisation' },
      { code: 'npm run vc -- verify <fichier>', text: 'Vérifier un fichier en ligne de commande', access: 'CLI' },
    ],
    standardsLabel: 'Standards :',
    standards: ['W3C VC 2.0', 'Data Integrity eddsa-rdfc-2022', 'VC-JWT', 'Open Badges 3.0', 'did:key'],
  },
  footer: {
    heritage: 'Dans la continuité du projet européen AcroJump.',
    limits: 'Une attestation prouve qui a attesté quoi, et quand. Elle ne prouve pas que la compétence est toujours à jour.',
  },
}

export const dynamic = 'force-dynamic'

export default async function HomePage() {
  const rt = await getRuntime()
  const [orgs, issued] = await Promise.all([listOrganisations(rt), countIssuedCredentials(rt)])
  const countLabel = new Intl.PluralRules(copy.locale).select(issued) === 'one' ? copy.instance.count.one : copy.instance.count.other

  return (
    <>
      <a className="skip-link" href="#contenu">{copy.skipLink}</a>
      <header className="site-header">
        <div className="container site-header__inner">
          <BrandLink name={copy.brand} />
          <p className="tagline">{copy.tagline}</p>
        </div>
      </header>

      <main id="contenu" tabIndex={-1}>
        <section className="hero" aria-labelledby="hero-title">
          <div className="container hero__inner">
            <div className="hero__text">
              <p className="eyebrow">{copy.hero.eyebrow}</p>
              <h1 id="hero-title">{copy.hero.title}</h1>
              <p className="lead">{copy.hero.lead}</p>
              <p className="hero__audience">{copy.hero.audience}</p>
              <div className="actions">
                <a className="button button--primary" href="#comment-ca-marche">{copy.hero.primary}</a>
                <a className="button button--secondary" href="#qui-fait-quoi">{copy.hero.secondary}</a>
              </div>
            </div>
            <SampleBadge copy={copy.sample} />
          </div>
        </section>

        <section className="section" id="comment-ca-marche" aria-labelledby="how-title">
          <div className="container">
            <h2 id="how-title">{copy.how.title}</h2>
            <p className="section__intro">{copy.how.intro}</p>
            <ol className="steps">
              {copy.how.steps.map((step, i) => (
                <li key={step.title} className="card step">
                  <span className="step__number" aria-hidden="true">{i + 1}</span>
                  <h3>{step.title}</h3>
                  <p>{step.text}</p>
                </li>
              ))}
            </ol>
          </div>
        </section>

        <section className="section section--tinted" id="qui-fait-quoi" aria-labelledby="roles-title">
          <div className="container">
            <h2 id="roles-title">{copy.roles.title}</h2>
            <ul className="roles">
              {copy.roles.items.map((role) => (
                <li key={role.tag} className="card role">
                  <span className="role__tag">{role.tag}</span>
                  <h3>{role.title}</h3>
                  <p>{role.text}</p>
                </li>
              ))}
            </ul>
          </div>
        </section>

        <section className="section" id="instance" aria-labelledby="instance-title">
          <div className="container">
            <h2 id="instance-title">{copy.instance.title}</h2>
            <p className="section__intro">{copy.instance.intro}</p>
            <p className="stat">
              <span className="stat__number">{new Intl.NumberFormat(copy.locale).format(issued)}</span>{' '}
              <span className="stat__label">{countLabel}</span>
            </p>
            <OrganisationList orgs={orgs} copy={copy.instance} />
          </div>
        </section>

        <DeveloperSection copy={copy.dev} />
      </main>

      <footer className="site-footer">
        <div className="container site-footer__inner">
          <BrandLink name={copy.brand} size={28} />
          <p>{copy.footer.heritage}</p>
          <p className="site-footer__limits">{copy.footer.limits}</p>
        </div>
      </footer>
    </>
  )
}
