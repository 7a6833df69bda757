import Link from 'next/link'
import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { getTranslations } from 'next-intl/server'
import { requireRole } from '@/lib/auth/guards'
import { AppError } from '@/lib/errors'
import { monthOf, PLACE_MAX, TEXT_MAX, TITLE_MAX } from '@/lib/profile/schemas'
import { getExperienceOrThrow } from '@/lib/profile/service'
import { getRuntime } from '@/lib/runtime'
import { listWalletCards } from '@/lib/wallet/service'
import { DeleteExperience } from '../../_components/delete-experience'
import { ExperienceForm } from '../../_components/experience-form'
import styles from '../../profile.module.css'
import { PageHeader } from '@/app/_components/page-header'

type Props = { params: Promise<{ id: string }> }

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('profile'))('experienceForm.editTitle'), robots: { index: false } }
}

export default async function EditExperiencePage({ params }: Props) {
  const user = await requireRole('youth')
  const { id } = await params
  const rt = await getRuntime()
  let experience
  try {
    experience = await getExperienceOrThrow(rt, user, id)
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') notFound()
    throw e
  }
  const [{ visible, hidden }, t] = await Promise.all([listWalletCards(rt, user), getTranslations('profile')])
  return (
    <main id="content" className="page page--narrow">
      <Link className={styles.back} href="/profile">← {t('experienceForm.back')}</Link>
      <PageHeader title={t('experienceForm.editTitle')} />
      <ExperienceForm
        experienceId={experience.id}
        initial={{
          kind: experience.kind, title: experience.title, place: experience.place, startedOn: experience.startedOn,
          ongoing: experience.endedOn === null, endedOn: experience.endedOn ?? '', whatIDid: experience.whatIDid,
          whatILearned: experience.whatILearned, credentialIds: experience.credentialIds,
        }}
        credentials={[...visible, ...hidden].map((c) => ({ id: c.id, title: c.title, issuer: c.issuer.name }))}
        limits={{ title: TITLE_MAX, place: PLACE_MAX, text: TEXT_MAX }} currentMonth={monthOf(new Date())}
      />
      <div className={styles.section}>
        <DeleteExperience experienceId={experience.id} title={experience.title} />
      </div>
    </main>
  )
}
