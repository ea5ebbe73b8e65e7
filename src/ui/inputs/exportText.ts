/** A tensor as text to copy: Python list, NumPy call, JSON, CSV or TSV (the formats paste reads). */
import type { DType, Nested } from '../../engine/types';
import { cellText, nonFiniteReplacer } from '../../document/nonFiniteText';

export type ExportFormat = 'python' | 'numpy' | 'json' | 'csv' | 'tsv';

export const EXPORT_FORMATS: { id: ExportFormat; label: string }[] = [
  { id: 'numpy', label: 'NumPy' },
  { id: 'python', label: 'Python list' },
  { id: 'json', label: 'JSON' },
  { id: 'csv', label: 'CSV' },
  { id: 'tsv', label: 'TSV (spreadsheet)' },
];

/**
 * JS's shortest round-trip spelling is also valid Python (1e-07 and 1e-7 read the same); NaN and
 * the infinities become float("nan") / float("inf") / float("-inf"), which plain Python reads too.
 */
const num = (n: number): string => (Object.is(n, -0) ? '-0.0'
  : Number.isFinite(n) ? String(n) : `float("${Number.isNaN(n) ? 'nan' : n > 0 ? 'inf' : '-inf'}")`);

export function toPythonLiteral(v: Nested): string {
  return Array.isArray(v) ? `[${v.map(toPythonLiteral).join(', ')}]` : num(v);
}

export function toNumpy(v: Nested, dtype: DType = 'float32'): string {
  return `np.array(${toPythonLiteral(v)}, dtype="${dtype}")`;
}

/** JSON, with NaN and ±Infinity as the strings "NaN", "Infinity", "-Infinity" (JSON has no such numbers). */
export function toJsonText(v: Nested): string {
  return JSON.stringify(v, nonFiniteReplacer);
}

function rank(v: Nested): number {
  return Array.isArray(v) ? 1 + (v.length ? rank(v[0]) : 0) : 0;
}

/** Rows are samples: a 1-D tensor is one value per line. null for rank > 2 (no flat table). */
export function toDelimited(v: Nested, sep: ',' | '\t'): string | null {
  const r = rank(v);
  if (r > 2) return null;
  // Spreadsheets and the paste parser read nan / inf / -inf.
  const cell = (n: number) => (Number.isFinite(n) ? num(n) : cellText(n));
  if (r === 0) return cell(v as number);
  if (r === 1) return (v as number[]).map(cell).join('\n');
  return (v as number[][]).map((row) => row.map(cell).join(sep)).join('\n');
}

/** The text for a format, or null when the format cannot hold this tensor (CSV of a 3-D tensor). */
export function exportTensor(v: Nested, format: ExportFormat, dtype: DType = 'float32'): string | null {
  switch (format) {
    case 'python': return toPythonLiteral(v);
    case 'numpy': return toNumpy(v, dtype);
    case 'json': return toJsonText(v);
    case 'csv': return toDelimited(v, ',');
    case 'tsv': return toDelimited(v, '\t');
  }
}
