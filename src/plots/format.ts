/**
 * Numbers as the rest of the app prints them: float32 like Keras/NumPy (8 significant digits),
 * float64 with 12; tooltips give the full value. Non-finite values say what they are.
 */
import type { DType } from '../engine/types';

export function fmt(v: number, dtype: DType = 'float32'): string {
  if (!Number.isFinite(v)) return nonFinite(v);
  if (v === 0) return '0';
  return String(Number(v.toPrecision(dtype === 'float32' ? 8 : 12)));
}

/** The exact value (shortest round-trip form of the stored double). */
export function fmtFull(v: number): string {
  return Number.isFinite(v) ? String(v) : nonFinite(v);
}

/** Compact tick labels. */
export function fmtTick(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e4 || a < 1e-3) return v.toExponential(0).replace('e+', 'e');
  return String(Number(v.toPrecision(3)));
}

function nonFinite(v: number): string {
  return Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
}
