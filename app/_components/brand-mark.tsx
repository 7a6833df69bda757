/** The springboard mark (same drawing as app/icon.svg), decorative: the name always sits next to it. */
export function BrandMark({ size = 36 }: { size?: number }) {
  return (
    <svg className="brand-mark" viewBox="0 0 32 32" width={size} height={size} aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" fill="#0e5a61" />
      <path d="M5.5 24.5H15c3 0 4.6-1.2 6-3.6" fill="none" stroke="#fff" strokeWidth="2.6" strokeLinecap="round" strokeLinejoin="round" />
      <path d="M9 24.5l-1.6 3.2M12.5 24.5l1.6 3.2" fill="none" stroke="#fff" strokeWidth="1.8" strokeLinecap="round" />
      <path d="M19.5 17.2c.6-4.2 2.4-7.4 5.2-9.7" fill="none" stroke="#f2a65a" strokeWidth="2.2" strokeLinecap="round" strokeDasharray="0.1 3.6" />
      <circle cx="25" cy="7.6" r="2.9" fill="#f2a65a" />
    </svg>
  )
}
