/**
 * Bench output: the results table (with each row's speed-up over tfjs-wasm on the same loss and
 * shape) and the issue-6 and issue-15 targets evaluated on the rows of this run.
 */
import type { KernelFn } from '../src/engine/accelerate';

export interface Row {
  kind?: 'single_eval' | 'gamma_sweep' | 'training';
  loss: KernelFn;
  from_logits: boolean;
  shape: [number, number];
  impl: string;
  median_ms: number | null;
  ns_per_element: number | null;
  reps?: number;
  /** single_eval rows: inputs in engine-owned buffers ('arena') or copied from ordinary arrays. */
  io?: 'arena' | 'copy';
  note?: string;
  /** tfjs-wasm median / this median, same loss and shape (filled in by withRatios). */
  vs_tfjs_wasm?: number | null;
}

const same = (a: Row, b: Row): boolean => a.io === b.io &&
  a.loss === b.loss && a.from_logits === b.from_logits && a.shape[0] === b.shape[0] && a.shape[1] === b.shape[1] && a.kind === b.kind;

/** Adds vs_tfjs_wasm to every forward + gradient row and every training row. */
export function withRatios(rows: Row[]): Row[] {
  for (const row of rows) {
    if (row.kind !== undefined && row.kind !== 'training') continue;
    const ref = rows.find((r) => same(r, row) && r.impl === 'tfjs-wasm');
    row.vs_tfjs_wasm = ref?.median_ms != null && row.median_ms != null ? ref.median_ms / row.median_ms : null;
  }
  return rows;
}

const fmt = (x: number | null | undefined, digits: number): string => (x == null ? '-' : x.toFixed(digits));
const KIND_LABEL = { single_eval: '(one evaluation)', gamma_sweep: '(gamma sweep)', training: '(1,000 SGD steps)' } as const;

export function printTable(rows: Row[]): void {
  withRatios(rows);
  const header = ['loss', 'from_logits', 'shape', 'impl', 'median_ms', 'ns/elem', 'x tfjs-wasm', 'note'];
  const lines = rows.map((r) => [
    r.kind === undefined ? r.loss : `${r.loss} ${KIND_LABEL[r.kind]}`,
    String(r.from_logits),
    `${r.shape[0]} x ${r.shape[1]}`,
    r.impl,
    r.kind === 'single_eval' ? `${fmt(r.median_ms === null ? null : r.median_ms * 1000, 2)} us` : fmt(r.median_ms, 3),
    fmt(r.ns_per_element, 2),
    r.vs_tfjs_wasm == null ? '' : `${r.vs_tfjs_wasm.toFixed(1)}x`,
    r.note ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const print = (cells: string[]): void => {
    console.log(cells.map((c, i) => (i >= 4 && i <= 6 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd());
  };
  print(header);
  print(widths.map((w) => '-'.repeat(w)));
  for (const l of lines) print(l);
}

interface Target {
  label: string;
  /** Rows the target applies to. */
  pick: (r: Row) => boolean;
  /** Pass when every picked row satisfies this; `value` is what gets printed. */
  value: (r: Row) => number | null;
  ok: (v: number) => boolean;
  unit: string;
}

const at1M = (r: Row): boolean => r.kind === undefined && r.shape[0] === 1_000_000 && r.shape[1] === 10 && r.impl === 'wasm-simd';
const ratio = (r: Row): number | null => r.vs_tfjs_wasm ?? null;

const TARGETS: Target[] = [
  { label: 'categorical from logits >= 20x tfjs-wasm at 1M x 10', pick: (r) => at1M(r) && r.loss === 'categorical_crossentropy' && r.from_logits, value: ratio, ok: (v) => v >= 20, unit: 'x' },
  { label: 'binary cross-entropy >= 15x tfjs-wasm at 1M x 10', pick: (r) => at1M(r) && r.loss === 'binary_crossentropy', value: ratio, ok: (v) => v >= 15, unit: 'x' },
  { label: 'sparse categorical >= 40x tfjs-wasm at 1M x 10', pick: (r) => at1M(r) && r.loss === 'sparse_categorical_crossentropy', value: ratio, ok: (v) => v >= 40, unit: 'x' },
  { label: 'focal losses >= 15x tfjs-wasm at 1M x 10', pick: (r) => at1M(r) && r.loss.includes('focal'), value: ratio, ok: (v) => v >= 15, unit: 'x' },
  { label: 'JS fallback <= 20 ns/element, every loss and shape', pick: (r) => r.kind === undefined && r.impl === 'js', value: (r) => r.ns_per_element, ok: (v) => v <= 20, unit: ' ns' },
  { label: 'one 64 x 10 evaluation < 2 us in-thread (wasm-simd, engine-owned buffers)', pick: (r) => r.kind === 'single_eval' && r.impl === 'wasm-simd' && r.io === 'arena', value: (r) => (r.median_ms === null ? null : r.median_ms * 1000), ok: (v) => v < 2, unit: ' us' },
  { label: 'one 64 x 10 evaluation < 2 us in-thread (wasm-simd, ordinary arrays copied)', pick: (r) => r.kind === 'single_eval' && r.impl === 'wasm-simd' && r.io === 'copy', value: (r) => (r.median_ms === null ? null : r.median_ms * 1000), ok: (v) => v < 2, unit: ' us' },
  { label: '101-point gamma sweep over 10,000 x 10 < 5 ms (wasm-simd)', pick: (r) => r.kind === 'gamma_sweep' && r.impl === 'wasm-simd', value: (r) => r.median_ms, ok: (v) => v < 5, unit: ' ms' },
  { label: 'training: 1,000 SGD steps on 1,000 x 10 categorical <= 100 ms (engine, issue 15)', pick: (r) => r.kind === 'training' && r.impl === 'engine' && r.shape[0] === 1_000, value: (r) => r.median_ms, ok: (v) => v <= 100, unit: ' ms' },
];

export function printTargets(rows: Row[]): void {
  withRatios(rows);
  console.log('Targets (issues 6 and 15), from this run:');
  for (const t of TARGETS) {
    const picked = rows.filter(t.pick);
    if (picked.length === 0) {
      console.log(`  [ -- ] ${t.label}: not measured in this run`);
      continue;
    }
    const parts = picked.map((r) => {
      const v = t.value(r);
      const name = `${r.loss}${r.from_logits ? '(logits)' : ''}${r.kind === undefined && t.unit === ' ns' ? ` ${r.shape[0]}x${r.shape[1]}` : ''}`;
      return { name, v, ok: v !== null && t.ok(v) };
    });
    const pass = parts.length > 0 && parts.every((p) => p.ok);
    const misses = parts.filter((p) => !p.ok);
    const shown = t.unit === ' ns' ? (misses.length > 0 ? misses : [parts.reduce((a, b) => ((b.v ?? 0) > (a.v ?? 0) ? b : a))]) : parts;
    const detail = shown.map((p) => `${p.name} ${p.v === null ? '-' : p.v.toFixed(t.unit === 'x' ? 1 : 2)}${t.unit}`).join(', ');
    console.log(`  [${pass ? 'met ' : 'MISS'}] ${t.label}: ${t.unit === ' ns' && misses.length === 0 ? `worst ${detail}` : detail}`);
  }
}
