import Link from 'next/link'
import { StatusCard } from './_components/status-card'

const copy = {
  title: 'Cette page n’existe pas',
  text: 'Le lien est peut-être incomplet, ou la page a été déplacée. Si quelqu’un t’a envoyé ce lien, demande-lui de le vérifier.',
  home: 'Revenir à l’accueil',
}

export default function NotFound() {
  return <StatusCard title={copy.title} text={copy.text} actions={<Link className="button button--primary" href="/">{copy.home}</Link>} />
}
