import type { ReactNode } from 'react'
import { notFoundOn404 } from '@/app/_components/not-found-on-404'
import { findShareByTokenOrThrow } from '@/lib/portfolio/service'
import { getRuntime } from '@/lib/runtime'

/**
 * An unknown link is a real 404. Checked here because this layout renders outside the page's
 * loading.tsx: once that fallback streams, the status is fixed at 200 (Next's "Status codes").
 * A revoked or expired link is the page's to explain.
 */
export default async function ShareLayout({ params, children }: { params: Promise<{ token: string }>; children: ReactNode }) {
  await findShareByTokenOrThrow(await getRuntime(), (await params).token).catch(notFoundOn404)
  return children
}
