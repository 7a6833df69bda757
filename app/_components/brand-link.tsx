import Link from 'next/link'
import { BrandMark } from './brand-mark'

/** "Tremplin" with its mark, linking home. The accessible name is the visible name. */
export function BrandLink({ name, size }: { name: string; size?: number }) {
  return (
    <Link href="/" className="brand">
      <BrandMark size={size} />
      <span className="brand-name">{name}</span>
    </Link>
  )
}
