import { getTranslations } from 'next-intl/server'

// Interface names and standards are identifiers, the same in every language.
const INTERFACES = [
  { key: 'verifyCredential', code: 'POST /credentials/verify' },
  { key: 'verifyPresentation', code: 'POST /presentations/verify' },
  { key: 'issue', code: 'POST /credentials/issue' },
  { key: 'cli', code: 'npm run vc -- verify' },
] as const
const STANDARDS = ['W3C VC 2.0', 'Data Integrity eddsa-rdfc-2022', 'VC-JWT', 'Open Badges 3.0', 'Bitstring Status List', 'did:key', 'did:web']

/** The open interfaces and the standards they follow, for integrators (on the developer page only). */
export async function DeveloperSection() {
  const t = await getTranslations('developers')
  return (
    <section className="section section--dev" id="interfaces" aria-labelledby="interfaces-title">
      <div className="container">
        <h2 id="interfaces-title">{t('interfacesTitle')}</h2>
        <ul className="interfaces" aria-label={t('listLabel')}>
          {INTERFACES.map((item) => (
            <li key={item.key} className="interface">
              <code className="interface__code">{item.key === 'cli' ? `${item.code} <${t('cliFile')}>` : item.code}</code>
              <span className="interface__text">{t(`interfaces.${item.key}.text`)}</span>
              <span className="interface__access">{t(`interfaces.${item.key}.access`)}</span>
            </li>
          ))}
        </ul>
        <p className="standards">
          <span className="standards__label">{t('standardsLabel')}</span>{' '}
          {STANDARDS.join(' · ')}
        </p>
      </div>
    </section>
  )
}
