/**
 * NaN and ±Infinity as text. A user types `nan`, `inf`, `-inf` (NumPy's spelling) or `NaN`,
 * `Infinity`, `-Infinity` (JavaScript's); JSON has no such tokens, so links, files and saved
 * documents write the strings "NaN", "Infinity" and "-Infinity", which the engine also reads.
 */

const NON_FINITE_TEXT = /^([+-]?)(nan|inf|infinity)$/i;

/** The non-finite number a cell's text spells, or null when it spells none. */
export function parseNonFinite(text: string): number | null {
  const m = NON_FINITE_TEXT.exec(text.trim());
  if (!m) return null;
  if (m[2].toLowerCase() === 'nan') return NaN;
  return m[1] === '-' ? -Infinity : Infinity;
}

/** JSON's stand-in for a non-finite number: "NaN", "Infinity" or "-Infinity". */
export function jsonNonFinite(n: number): string {
  return Number.isNaN(n) ? 'NaN' : n > 0 ? 'Infinity' : '-Infinity';
}

const FROM_JSON: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity };

/** A number, or one of JSON's three strings read back as its number; undefined for anything else. */
export function readJsonNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  return typeof v === 'string' && Object.hasOwn(FROM_JSON, v) ? FROM_JSON[v] : undefined;
}

/** `JSON.stringify` replacer that keeps non-finite numbers as their strings (instead of null). */
export function nonFiniteReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? jsonNonFinite(value) : value;
}

/** A cell's text for a stored number: NumPy's nan / inf / -inf for the non-finite ones. */
export function cellText(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (n === Infinity) return 'inf';
  if (n === -Infinity) return '-inf';
  return String(n);
}
