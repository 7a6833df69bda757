import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react'

// Labelled fields with a hint and an error linked by aria-describedby. Hook-free: usable in server
// and client components; the caller passes translated strings.

interface FieldText {
  name: string
  label: string
  hint?: ReactNode
  /** The translated error, when the field is invalid. */
  error?: string
  /** The translated word "optional", shown after the label of an optional field. */
  optional?: string
  id?: string
}

export function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined
}

export function FieldLabel({ id, label, optional }: { id: string; label: string; optional?: string }) {
  return (
    <label className="field__label" htmlFor={id}>
      {label}
      {optional && <span className="iss-optional"> ({optional})</span>}
    </label>
  )
}

export function FieldMessages({ id, hint, error }: { id: string; hint?: ReactNode; error?: string }) {
  return (
    <>
      {hint && <p className="field__hint" id={`${id}-hint`}>{hint}</p>}
      {error && <p className="field__error" id={`${id}-error`}>{error}</p>}
    </>
  )
}

export function TextField({ name, label, hint, error, optional, id = name, ...input }: FieldText & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div className="field">
      <FieldLabel id={id} label={label} optional={optional} />
      <input id={id} name={name} className="input" aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} {...input} />
      <FieldMessages id={id} hint={hint} error={error} />
    </div>
  )
}

export function TextAreaField({ name, label, hint, error, optional, id = name, ...input }: FieldText & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <div className="field">
      <FieldLabel id={id} label={label} optional={optional} />
      <textarea id={id} name={name} className="textarea" aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} {...input} />
      <FieldMessages id={id} hint={hint} error={error} />
    </div>
  )
}

export function SelectField({ name, label, hint, error, optional, id = name, children, ...select }: FieldText & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <div className="field">
      <FieldLabel id={id} label={label} optional={optional} />
      <select id={id} name={name} className="select" aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} {...select}>
        {children}
      </select>
      <FieldMessages id={id} hint={hint} error={error} />
    </div>
  )
}

/** Radio buttons in a fieldset; each option may carry a plain description. */
export function RadioGroup({ name, legend, hint, error, options, defaultValue, id = name, onChange }: {
  name: string
  legend: string
  hint?: ReactNode
  error?: string
  options: { value: string; label: string; description?: string }[]
  defaultValue?: string
  id?: string
  onChange?: (value: string) => void
}) {
  return (
    <fieldset className="field iss-radios" id={id} aria-describedby={describedBy(id, hint, error)}>
      <legend className="field__label">{legend}</legend>
      {hint && <p className="field__hint" id={`${id}-hint`}>{hint}</p>}
      <div className="iss-radios__options">
        {options.map((o) => (
          <label key={o.value} className="iss-radio">
            <input type="radio" name={name} value={o.value} defaultChecked={defaultValue === o.value} onChange={onChange ? () => onChange(o.value) : undefined} />
            <span>
              <span className="iss-radio__label">{o.label}</span>
              {o.description && <span className="iss-radio__description">{o.description}</span>}
            </span>
          </label>
        ))}
      </div>
      {error && <p className="field__error" id={`${id}-error`}>{error}</p>}
    </fieldset>
  )
}
