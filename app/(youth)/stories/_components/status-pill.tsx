import { useTranslations } from 'next-intl'
import type { StoryDto } from '@/lib/stories/service'

const TONE: Record<StoryDto['status'], string> = {
  draft: 'pill--info',
  requested: 'pill--unchecked',
  changes_proposed: 'pill--unchecked',
  declined: 'pill--failed',
  attested: 'pill--ok',
  self_declared: 'pill--info',
}

/** Where a story stands, in words (never by colour alone). Works in server and client components. */
export function StatusPill({ story }: { story: Pick<StoryDto, 'status' | 'attester'> }) {
  const t = useTranslations('stories')
  return <span className={`pill ${TONE[story.status]}`}>{t(`status.${story.status}`, { name: story.attester?.name ?? '' })}</span>
}
