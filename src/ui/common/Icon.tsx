/**
 * Small inline SVG icons in the text colour. A glyph such as ⓘ needs a font that has it (Debian's
 * Chromium drew an empty box); an SVG draws the same everywhere.
 */
export function Icon({ kind }: { kind: 'info' | 'warn' }) {
  return (
    <svg className="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false" data-icon={kind}>
      {kind === 'info' ? (
        <>
          <circle cx="8" cy="8" r="7" fill="none" stroke="currentColor" strokeWidth="1.5" />
          <rect x="7.2" y="6.8" width="1.6" height="5" rx="0.5" fill="currentColor" />
          <circle cx="8" cy="4.6" r="1" fill="currentColor" />
        </>
      ) : (
        <>
          <path d="M8 1.5 L15 14 H1 Z" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
          <rect x="7.2" y="5.8" width="1.6" height="4.6" rx="0.5" fill="currentColor" />
          <circle cx="8" cy="12.2" r="0.95" fill="currentColor" />
        </>
      )}
    </svg>
  );
}
