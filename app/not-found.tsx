import Link from 'next/link'
import { BrandLink } from './_components/brand-link'

const copy = {
  brand: 'Tremplin',
  title: 'Cette page n’existe pas',
  text: 'Le lien est peut-être incomplet, ou la page a été déplacée. Si quelqu’un t’a envoyé ce lien, demande-lui de le vérifier.',
  home: 'Revenir à l’accueil',
}

export default function NotFound() {
  return (
    <main className="status-page">
      <div className="status-page__card">
        <BrandLink name={copy.brand} />
        <h1>{copy.title}</h1>
        <p>{copy.text}</p>
        <div className="actions">
          <Link className="button button--primary" href="/">{copy.home}</Link>
        </div>
      </div>
    </main>
  )
}
