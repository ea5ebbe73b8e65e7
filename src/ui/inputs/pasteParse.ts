/**
 * Reads a tensor from pasted text: Python/NumPy literals (`[[0.05, 0.95, 0], ...]`,
 * `np.array([...], dtype=float32)`, NumPy's printed `[[0.05 0.95 0.  ] ...]`, `tf.Tensor(...)`,
 * `tensor([...])`), JSON, and CSV/TSV from a spreadsheet. Errors say where and what. NaN and
 * infinities read as Keras would take them: `nan`, `inf`, `-inf` as NumPy prints them, `NaN`,
 * `Infinity`, `np.nan`, `np.inf`, `float("nan")` and JSON's strings "NaN", "Infinity", "-Infinity".
 */
import type { Nested } from '../../engine/types';

export type PasteFormat = 'python' | 'numpy' | 'json' | 'csv' | 'tsv' | 'text';

export type PasteResult =
  | { ok: true; value: Nested; format: PasteFormat; shape: number[] }
  | { ok: false; error: string };

const NUM = /^[+-]?(?:nan|inf(?:inity)?|(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)/i;

class ParseError extends Error {}

/** Recursive descent over a bracketed literal; commas and/or whitespace separate entries. */
function parseList(text: string, start: number): { value: Nested[]; end: number } {
  const out: Nested[] = [];
  let i = start + 1;
  for (;;) {
    while (i < text.length && /[\s,]/.test(text[i])) i++;
    if (i >= text.length) throw new ParseError('a "]" is missing (the text may be cut off)');
    const c = text[i];
    if (c === ']') return { value: out, end: i + 1 };
    if (c === '[' || c === '(') {
      if (c === '(') throw new ParseError('tuples "( )" are not lists; use [ ]');
      const inner = parseList(text, i);
      out.push(inner.value);
      i = inner.end;
      continue;
    }
    if (text.startsWith('...', i) || c === '…') {
      throw new ParseError('the text is summarised with "..."; print it in full (np.set_printoptions(threshold=np.inf))');
    }
    const rest = text.slice(i);
    const word = /^(True|False)\b/.exec(rest);
    if (word) {
      out.push(word[1] === 'True' ? 1 : 0);
      i += word[0].length;
      continue;
    }
    const m = NUM.exec(rest);
    if (!m) throw new ParseError(`unexpected "${rest.slice(0, 12).split(/\s/)[0]}" at character ${i + 1}`);
    const n = Number(m[0].replace(/^([+-]?)inf(inity)?$/i, '$1Infinity').replace(/^[+-]?nan$/i, 'NaN'));
    out.push(n);
    i += m[0].length;
    if (i < text.length && !/[\s,\]]/.test(text[i])) {
      throw new ParseError(`unexpected "${text[i]}" after the number ${m[0]}`);
    }
  }
}

/** Shape of a rectangular nested list; throws naming the first ragged place. */
export function checkShape(v: Nested, at: number[] = []): number[] {
  if (!Array.isArray(v)) return [];
  if (v.length === 0) return [0];
  const first = checkShape(v[0], [...at, 0]);
  for (let i = 1; i < v.length; i++) {
    const s = checkShape(v[i], [...at, i]);
    if (s.length !== first.length || s.some((d, k) => d !== first[k])) {
      const where = at.length ? `in [${at.join(', ')}] ` : '';
      throw new ParseError(`rows differ in length ${where}(entry ${i} has shape [${s.join(', ')}], entry 0 has [${first.join(', ')}])`);
    }
  }
  return [v.length, ...first];
}

/** Python and JSON spellings of NaN and the infinities, rewritten to the bare nan / inf the parser reads. */
function plainNonFinite(text: string): string {
  return text
    .replace(/\b(?:np|numpy|math|torch)\.(nan|inf)\b/g, '$1')
    .replace(/float\(\s*(["'])([+-]?(?:nan|inf|infinity))\1\s*\)/gi, '$2')
    .replace(/"([+-]?(?:NaN|Infinity))"/g, '$1');
}

function parseBracketed(text: string): PasteResult {
  const open = text.indexOf('[');
  const { value, end } = parseList(text, open);
  const prefix = text.slice(0, open);
  const tail = text.slice(end);
  if (/\[/.test(tail) && !/dtype|shape|device/.test(tail)) throw new ParseError('there is more than one list; paste one tensor at a time');
  const commas = /,/.test(text.slice(open, end));
  let format: PasteFormat = /array\(|np\.|numpy|tensor|Tensor|Array\(/.test(prefix) || !commas ? 'numpy' : 'python';
  if (format === 'python' && !/True|False/.test(text)) {
    try {
      JSON.parse(text.trim());
      format = 'json';
    } catch { /* a Python literal, not JSON */ }
  }
  return { ok: true, value, format, shape: checkShape(value) };
}

function splitRow(line: string, sep: string): string[] {
  if (sep === ' ') return line.trim().split(/\s+/);
  return line.split(sep).map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
}

/** Rows x columns of delimited text, as a spreadsheet copies them (a header row of names dropped). */
function delimitedGrid(text: string): { grid: number[][]; format: PasteFormat } {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const sep = lines.some((l) => l.includes('\t')) ? '\t' : lines.some((l) => l.includes(',')) ? ','
    : lines.some((l) => l.includes(';')) ? ';' : ' ';
  let rows = lines.map((l) => splitRow(l, sep));
  const isNum = (c: string) => NUM.test(c) && NUM.exec(c)![0].length === c.length;
  // A header row of names (from a spreadsheet or a DataFrame) is dropped.
  if (rows.length > 1 && rows[0].every((c) => !isNum(c))) rows = rows.slice(1);
  const grid = rows.map((r, i) => r.map((c, j) => {
    if (/^(true|false)$/i.test(c)) return /^true$/i.test(c) ? 1 : 0;
    if (!isNum(c)) throw new ParseError(`row ${i + 1}, column ${j + 1}: "${c.slice(0, 20)}" is not a number`);
    return Number(c.replace(/^([+-]?)inf(inity)?$/i, '$1Infinity'));
  }));
  const width = grid[0]?.length ?? 0;
  const bad = grid.findIndex((r) => r.length !== width);
  if (bad >= 0) throw new ParseError(`row ${bad + 1} has ${grid[bad].length} values, row 1 has ${width}`);
  const format: PasteFormat = sep === '\t' ? 'tsv' : sep === ',' || sep === ';' ? 'csv' : 'text';
  return { grid, format };
}

function parseDelimited(text: string): PasteResult {
  const { grid, format } = delimitedGrid(text);
  const width = grid[0]?.length ?? 0;
  // One row or one column is a 1-D tensor (labels, weights); otherwise rows are samples.
  const value: Nested = grid.length === 1 ? grid[0] : width === 1 ? grid.map((r) => r[0]) : grid;
  return { ok: true, value, format, shape: checkShape(value) };
}

/**
 * A block of spreadsheet cells (delimited text, no brackets) as rows x columns, for pasting at a
 * cell; null for bracketed literals and text that is not such a block. Never throws.
 */
export function parseBlock(text: string): { rows: number[][]; format: PasteFormat } | null {
  const t = plainNonFinite(text.trim());
  if (!t || t.includes('[')) return null;
  try {
    const { grid, format } = delimitedGrid(t);
    if (!grid.length || !grid[0].length) return null;
    return { rows: grid, format };
  } catch {
    return null;
  }
}

/** Parse pasted text into a nested list of numbers (NaN and ±Infinity included). Never throws. */
export function parseTensorText(text: string): PasteResult {
  const t = plainNonFinite(text.trim());
  if (!t) return { ok: false, error: 'nothing to paste' };
  try {
    const r = t.includes('[') ? parseBracketed(t) : parseDelimited(t);
    if (r.ok && r.shape.includes(0)) return { ok: false, error: 'the tensor is empty' };
    return r;
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

/** True when pasted text holds more than one value (so it replaces a tensor, not one cell). */
export function isMultiValue(text: string): boolean {
  const t = text.trim();
  return t.includes('[') || /[\t\n]/.test(t) || (t.includes(',') && t.split(',').length > 1) || /\S\s+\S/.test(t);
}

/**
 * `name = <tensor>` assignments from a notebook cell, e.g. `y_true = np.array([1, 2])`: each
 * recognised name with its parsed value. Lines without a known name are ignored.
 */
export function parseAssignments(text: string, names: readonly string[]): Record<string, PasteResult> {
  const out: Record<string, PasteResult> = {};
  const re = new RegExp(`(^|\\n)\\s*(${names.join('|')})\\s*=\\s*`, 'g');
  const hits = [...text.matchAll(re)];
  hits.forEach((m, k) => {
    const start = m.index! + m[0].length;
    const end = k + 1 < hits.length ? hits[k + 1].index! : text.length;
    out[m[2]] = parseTensorText(text.slice(start, end));
  });
  return out;
}
