/**
 * Numbers as the playground prints them. float32 prints like NumPy's float32 repr (Keras's output):
 * the shortest digits that read back as the same float32 (1.1769392, 0.051293306); float64 prints
 * 12 significant digits. Like NumPy, very small or large magnitudes switch to scientific notation
 * with a two-digit exponent (4.370932e-04). Tooltips get `fullValue`.
 */
import type { DType } from '../../engine/types';

/** Mantissa digits (no dot, no trailing zeros) and decimal exponent of |x| at `precision` digits. */
function digitsOf(x: number, precision: number): { digits: string; exp: number } {
  const [m, e] = Math.abs(x).toExponential(precision - 1).split('e');
  const digits = m.replace('.', '').replace(/0+$/, '') || '0';
  return { digits, exp: Number(e) };
}

/** The fewest significant digits (1..9) that read back as the same float32. */
function float32Digits(f: number): { digits: string; exp: number } {
  for (let p = 1; p < 9; p++) {
    const d = digitsOf(f, p);
    if (Math.fround(Number(`${d.digits[0]}.${d.digits.slice(1) || '0'}e${d.exp}`) * Math.sign(f)) === f) return d;
  }
  return digitsOf(f, 9);
}

function layout(sign: string, digits: string, exp: number): string {
  // NumPy's repr: scientific below 1e-4 and from 1e16 up.
  if (exp < -4 || exp >= 16) {
    const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const es = `${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
    return `${sign}${mant}e${es}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return `${sign}${digits}${'0'.repeat(exp + 1 - digits.length)}`;
  return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

/** A number in the dtype's print style. NaN and ±inf print as NumPy does (nan, inf, -inf). */
export function formatNumber(x: number, dtype: DType = 'float32'): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const sign = x < 0 ? '-' : '';
  if (dtype === 'float32') {
    const f = Math.fround(x);
    if (!Number.isFinite(f)) return f > 0 ? 'inf' : '-inf';
    if (f === 0) return '0';
    const d = float32Digits(f);
    return layout(sign, d.digits, d.exp);
  }
  const d = digitsOf(x, 12);
  return layout(sign, d.digits, d.exp);
}

/** The exact stored value (shortest round-trip digits), non-finite spelled as NumPy does: tooltips and data tables. */
export function exactNumber(x: number): string {
  return Number.isFinite(x) ? String(x) : formatNumber(x);
}

/** The value in full, for a tooltip: the exact stored value and what it is. */
export function fullValue(x: number, dtype: DType = 'float32'): string {
  if (!Number.isFinite(x)) return formatNumber(x);
  if (dtype === 'float32') return `${String(Math.fround(x))} (exact float32 value)`;
  return `${String(x)} (float64)`;
}

/** Compact axis tick labels (three significant digits; 1e-4 style far from 1). */
export function formatTick(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e4 || a < 1e-3) return v.toExponential(0).replace('e+', 'e');
  return String(Number(v.toPrecision(3)));
}

/** A short list `[a, b, c]` of formatted numbers, eliding the middle past `max` entries. */
export function formatList(xs: ArrayLike<number>, dtype: DType = 'float32', max = 12): string {
  const n = xs.length;
  const pick = n <= max ? Array.from(xs) : [...Array.from(xs).slice(0, max / 2), NaN, ...Array.from(xs).slice(n - max / 2)];
  const parts = pick.map((x, i) => (n > max && i === max / 2 ? '…' : formatNumber(x, dtype)));
  return `[${parts.join(', ')}]`;
}

/** `y_pred[1, 2]` for a field and index path. */
export function cellName(field: string, index?: readonly number[]): string {
  return index && index.length ? `${field}[${index.join(', ')}]` : field;
}

/** True when two numbers print the same in a dtype (the UI's "equal" for loss vs metric). */
export function samePrinted(a: number, b: number, dtype: DType): boolean {
  return formatNumber(a, dtype) === formatNumber(b, dtype);
}
