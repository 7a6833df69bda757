import { LinkNoLongerWorks } from '@/app/(issuer)/_components/link-no-longer-works'

// An unknown, used or expired link: answered 404 with one page for all three.
export default function LinkNotFound() {
  return <LinkNoLongerWorks kind="activation" />
}
