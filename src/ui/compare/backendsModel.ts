/**
 * The compare-backends view's model: one job that evaluates this input on TensorFlow, JAX,
 * PyTorch, NumPy and tf.keras 2, and what the view shows from the five outcomes: each value, the
 * per-sample values where the backends disagree, which numbers differ from the selected backend's,
 * and why (the first step where the computations part, and its sentence). Pure.
 */
import { unravel } from '../../engine/tensor';
import type { DType, EngineResult, EvalOptions } from '../../engine/types';
import { effectiveBackend, type ExampleDoc } from '../../document/document';
import { requestOf, type DocRequest } from '../../document/request';
import type { EvalItem, ItemOutcome } from '../../worker/protocol';
import { TARGET_LABELS, TARGETS, type TargetId } from '../common/backendNames';
import { samePrinted } from '../common/format';
import { fnIdOf } from '../common/lossInfo';
import { reasonFor, type Reason } from './backendReasons';
import { firstDifferingStep, tensorsDiffer } from './stepDiff';

export interface BackendsPlan {
  targets: readonly TargetId[];
  items: EvalItem[];
  selected: TargetId;
  fn: string | null;
  dtype: DType;
  /** Small enough for steps (the explain view's limit): compared on every edit, with gradients. */
  small: boolean;
}

export const selectedTarget = (doc: ExampleDoc): TargetId => (doc.semantics === 'tf_keras2' ? 'tf_keras2' : effectiveBackend(doc));

/** Five evaluations of the document's own request (gradient and, below the size limit, steps), one per target. */
export function backendsPlan(doc: ExampleDoc, request: DocRequest = requestOf(doc)): BackendsPlan {
  const { req, opts: base } = request;
  const small = base.steps === true;
  // A large input is compared by value only: five gradients of 100,000 entries would crowd the worker.
  const opts: EvalOptions = { ...base, grad: small };
  const items = TARGETS.map((t): EvalItem => {
    const o: EvalOptions = t === 'tf_keras2'
      ? { ...opts, semantics: 'tf_keras2', kerasBackend: 'tensorflow' }
      : { ...opts, semantics: 'keras3', kerasBackend: t };
    return { req, opts: o };
  });
  return { targets: TARGETS, items, selected: selectedTarget(doc), fn: fnIdOf(doc.kind, doc.name), dtype: doc.dtype, small };
}

export type GradStatus = 'same' | 'differs' | 'none' | 'absent';

export interface BackendColumn {
  target: TargetId;
  result: EngineResult | null;
  error: string | null;
  /** The number Keras prints: the loss (or the per-sample values of a function / reduction=None), or result(). */
  values: number[];
  valueDiffers: boolean;
  grad: GradStatus;
  gradError: string | null;
  reason: Reason | null;
}

export interface SampleRow {
  /** `[1]` or `[0, 2]`: the per-sample index. */
  index: number[];
  values: (number | null)[];
  differs: boolean[];
}

export interface BackendsView {
  selected: TargetId;
  dtype: DType;
  columns: BackendColumn[];
  /** Per-sample rows where some backend differs from the selected one (losses with more than one sample). */
  rows: SampleRow[];
  /** How many differing rows there are in all (rows holds at most `maxRows`). */
  rowCount: number;
}

const valuesOf = (r: EngineResult): number[] =>
  (r.kind === 'metric' ? [r.results[r.results.length - 1]] : Array.from(r.value.data));

const perSampleOf = (r: EngineResult | null) => (r && r.kind !== 'metric' ? r.perSample : null);

function sameValues(a: number[], b: number[], dtype: DType): boolean {
  return a.length === b.length && a.every((x, i) => samePrinted(x, b[i], dtype));
}

function gradStatus(r: EngineResult | null, base: EngineResult | null): { grad: GradStatus; gradError: string | null } {
  if (!r || r.kind === 'metric') return { grad: 'absent', gradError: null };
  if (!r.grad) return { grad: r.gradError ? 'none' : 'absent', gradError: r.gradError ?? null };
  const bg = base && base.kind !== 'metric' ? base.grad : undefined;
  if (!bg) return { grad: 'same', gradError: null };
  return { grad: tensorsDiffer(bg, r.grad) ? 'differs' : 'same', gradError: null };
}

/** Why column `c` differs from the selected one (null when it does not, or when one of them raised). */
function reasonOf(plan: BackendsPlan, c: BackendColumn, base: BackendColumn, sampleDiffers: boolean): Reason | null {
  if (c.target === base.target) return null;
  if (!!c.error !== !!base.error) {
    const [b, s] = [TARGET_LABELS[c.target], TARGET_LABELS[base.target]];
    return { text: c.error ? `${b} raises on this input where ${s} computes` : `${b} computes where ${s} raises`, step: null };
  }
  if (!c.result || !base.result) return null;
  const gradDiffers = c.grad !== base.grad || c.grad === 'differs';
  if (!c.valueDiffers && !sampleDiffers && !gradDiffers) return null;
  if (c.valueDiffers || sampleDiffers) {
    const a = c.result.kind === 'metric' ? undefined : c.result.steps;
    const b = base.result.kind === 'metric' ? undefined : base.result.steps;
    const at = firstDifferingStep(b, a);
    if (at) return reasonFor(plan.fn, at.name, c.target, base.target);
    const pa = perSampleOf(c.result);
    const pb = perSampleOf(base.result);
    const perSampleSame = pa && pb ? !tensorsDiffer(pa, pb) : true;
    return reasonFor(plan.fn, perSampleSame && c.valueDiffers && !sampleDiffers ? 'reduction' : 'rounding', c.target, base.target);
  }
  return reasonFor(plan.fn, 'gradient', c.target, base.target);
}

/** Pairs the five outcomes with the targets and compares each with the selected backend. */
export function readBackends(plan: BackendsPlan, outcomes: readonly (ItemOutcome | undefined)[], maxRows = 8): BackendsView {
  const cols: BackendColumn[] = plan.targets.map((target, i) => {
    const o = outcomes[i];
    const result = o?.ok ? o.result : null;
    return {
      target, result, error: o && !o.ok ? o.error.message : o ? null : 'no result',
      values: result ? valuesOf(result) : [], valueDiffers: false, grad: 'absent', gradError: null, reason: null,
    };
  });
  const base = cols.find((c) => c.target === plan.selected) ?? cols[0];
  for (const c of cols) {
    Object.assign(c, gradStatus(c.result, base.result));
    c.valueDiffers = c !== base && (!!c.error !== !!base.error || (!c.error && !sameValues(c.values, base.values, plan.dtype)));
  }
  // Per-sample rows where a backend differs (when every backend that computed has the same shape).
  const ps = cols.map((c) => perSampleOf(c.result));
  const shape = perSampleOf(base.result)?.shape ?? [];
  const n = ps.reduce((m, p) => (p ? Math.max(m, p.data.length) : m), 0);
  const aligned = n > 1 && ps.every((p) => !p || (p.data.length === n && p.shape.length === shape.length));
  const rows: SampleRow[] = [];
  const sampleDiffers = cols.map(() => false);
  let rowCount = 0;
  if (aligned && perSampleOf(base.result)) {
    const bp = perSampleOf(base.result)!.data;
    for (let k = 0; k < n; k++) {
      const values = ps.map((p) => (p ? p.data[k] : null));
      const differs = values.map((v, i) => v !== null && cols[i] !== base && !samePrinted(v, bp[k], plan.dtype));
      if (!differs.some(Boolean)) continue;
      differs.forEach((d, i) => { if (d) sampleDiffers[i] = true; });
      if (rowCount++ < maxRows) rows.push({ index: unravel(k, shape), values, differs });
    }
  }
  cols.forEach((c, i) => { c.reason = reasonOf(plan, c, base, sampleDiffers[i]); });
  return { selected: plan.selected, dtype: plan.dtype, columns: cols, rows, rowCount };
}
