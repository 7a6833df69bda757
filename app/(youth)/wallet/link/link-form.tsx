'use client'
import Link from 'next/link'
import { useTranslations } from 'next-intl'
import { useActionState, useEffect, useRef, useState } from 'react'
import { PasteOrUpload } from '@/app/_components/paste-or-upload'
import { linkIdentifierAction, type LinkState } from './actions'

/** Paste or upload the presentation the other wallet signed; the server checks it and links the identifier. */
export function LinkForm({ challengeId, maxBytes }: { challengeId: string; maxBytes: number }) {
  const t = useTranslations('wallet.link')
  const [state, formAction, pending] = useActionState<LinkState, FormData>(linkIdentifierAction, { status: 'idle' })
  const [tooLarge, setTooLarge] = useState(false)
  const [fileName, setFileName] = useState<string>()
  const inputRef = useRef<HTMLTextAreaElement>(null)
  const fileRef = useRef<HTMLInputElement>(null)

  // A new answer: the form was reset, no file is selected any more.
  const [seenState, setSeenState] = useState(state)
  if (state !== seenState) {
    setSeenState(state)
    setFileName(undefined)
  }
  useEffect(() => {
    if (state.status === 'idle') return
    document.getElementById(state.status === 'linked' ? 'link-done' : 'link-error')?.focus()
  }, [state])

  if (state.status === 'linked') {
    return (
      <div id="link-done" className="alert alert--success" role="status" tabIndex={-1}>
        <p>{t('done', { did: state.did })}</p>
        <p><Link href="/wallet">{t('toWallet')}</Link></p>
      </div>
    )
  }

  function onFileChange() {
    const file = fileRef.current?.files?.[0]
    const over = Boolean(file && file.size > maxBytes)
    setTooLarge(over)
    if (over) fileRef.current!.value = ''
    setFileName(over ? undefined : file?.name)
  }

  const error = tooLarge ? 'LINK_TOO_LARGE' : state.status === 'error' ? state.error : undefined
  return (
    <form action={formAction} className="form" noValidate aria-busy={pending}>
      {error && (
        <p id="link-error" className="alert alert--error" role="alert" tabIndex={-1}>
          {t(`errors.${error}`, { signer: state.status === 'error' ? (state.signer ?? '') : '' })}
        </p>
      )}
      <input type="hidden" name="challengeId" value={challengeId} />
      <PasteOrUpload
        id="link"
        labels={{ input: t('form.input.label'), inputHint: t('form.input.hint'), file: t('form.file.label'), fileHint: t('form.file.hint'), choose: t('form.file.choose'), none: t('form.file.none') }}
        defaultValue={state.status === 'error' ? state.input : ''}
        invalid={Boolean(error)}
        accept=".json,.jwt,.txt,application/json,application/jwt,text/plain"
        fileName={fileName}
        inputRef={inputRef}
        fileRef={fileRef}
        onFileChange={onFileChange}
      />
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={pending}>{pending ? t('form.pending') : t('form.submit')}</button>
      </div>
    </form>
  )
}
