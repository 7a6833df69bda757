import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { getTranslations } from 'next-intl/server'
import { requireRole } from '@/lib/auth/guards'
import { AppError } from '@/lib/errors'
import { getPilot } from '@/lib/pilots/service'
import { getRuntime } from '@/lib/runtime'
import { PilotForm } from '@/app/(issuer)/issuer/pilots/pilot-form'
import { PageHeader } from '@/app/_components/page-header'

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('pilots.form')
  return { title: t('editTitle') }
}

export default async function EditPilotPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireRole('counsellor')
  const { id } = await params
  const t = await getTranslations('pilots.form')
  const pilot = await getPilot(await getRuntime(), user, id).catch((e) => {
    if (e instanceof AppError && e.code === 'NOT_FOUND') notFound()
    throw e
  })
  return (
    <main id="content" className="page page--narrow">
      <PageHeader eyebrow={pilot.name} title={t('editTitle')} />
      <PilotForm initial={{ pilotId: pilot.id, name: pilot.name, description: pilot.description, region: pilot.region ?? '', startsOn: pilot.startsOn, endsOn: pilot.endsOn }} />
    </main>
  )
}
