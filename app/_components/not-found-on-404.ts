import { notFound } from 'next/navigation'
import { AppError } from '@/lib/errors'

/** For `.catch()`: an AppError NOT_FOUND becomes Next's notFound() (a 404 page); anything else is rethrown. */
export function notFoundOn404(e: unknown): never {
  if (e instanceof AppError && e.code === 'NOT_FOUND') notFound()
  throw e
}
