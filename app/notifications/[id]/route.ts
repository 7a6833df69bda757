import { NextResponse } from 'next/server'
import { requireUser } from '@/lib/auth/guards'
import { AppError } from '@/lib/errors'
import { NotificationIdSchema } from '@/lib/notifications/schemas'
import { openNotification } from '@/lib/notifications/service'
import { getRuntime } from '@/lib/runtime'

export const dynamic = 'force-dynamic'

/**
 * Opening a notification: it is marked read and the reader goes where it leads (an in-app path,
 * checked by the service). Someone else's id, or an unknown one, changes nothing and leads back
 * to the list.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser()
  const id = NotificationIdSchema.safeParse((await params).id)
  let link = '/notifications'
  if (id.success) {
    try {
      link = (await openNotification(await getRuntime(), user, id.data)).link
    } catch (e) {
      if (!(e instanceof AppError && e.code === 'NOT_FOUND')) throw e
    }
  }
  const response = NextResponse.redirect(new URL(link, request.url), 303)
  response.headers.set('Cache-Control', 'no-store')
  return response
}
