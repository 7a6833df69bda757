/** The springboard mark (same drawing as app/icon.svg), decorative: the name always sits next to it. */
export function BrandMark({ size = 36 }: { size?: number }) {
  return (
    <svg className="brand-mark" viewBox="0 0 32 32" width={size} height={size} aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" fill="#0e5a61" />
      <path d="M5 25.5L18 20V25.5Z" fill="#fff" stroke="#fff" strokeWidth="2" strokeLinejoin="round" />
      <path d="M19 17C19.8 13.8 20.8 11.6 22.2 10" fill="none" stroke="#f2a65a" strokeWidth="2" strokeLinecap="round" strokeDasharray="0.1 3.3" />
      <circle cx="24.8" cy="7.9" r="3" fill="#f2a65a" />
    </svg>
  )
}
