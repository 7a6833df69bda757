import { z } from 'zod'

/**
 * The counsellor's choice for the rows repeating a badge: for the whole batch (`all`), or row by
 * row (`row-<n>` = 'skip' | 'issue').
 */
export const RepeatChoiceSchema = z.union([
  z.object({ all: z.enum(['skip', 'issue']) }),
  z.object({ rows: z.array(z.object({ rowNumber: z.number().int().min(1).max(100_000), issue: z.boolean() })).max(1000) }),
])
export type RepeatChoice = z.infer<typeof RepeatChoiceSchema>

/** The form's fields as a choice: `intent` = 'skipAll' | 'issueAll' | 'rows' with `row-<n>` fields. */
export function repeatChoiceFromForm(form: FormData): RepeatChoice | undefined {
  const intent = form.get('intent')
  const raw = intent === 'skipAll' ? { all: 'skip' } : intent === 'issueAll' ? { all: 'issue' } : {
    rows: [...form.entries()].flatMap(([k, v]) => {
      const m = /^row-(\d+)$/.exec(k)
      return m && (v === 'skip' || v === 'issue') ? [{ rowNumber: Number(m[1]), issue: v === 'issue' }] : []
    }),
  }
  const parsed = RepeatChoiceSchema.safeParse(raw)
  return parsed.success ? parsed.data : undefined
}
