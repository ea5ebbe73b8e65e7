/**
 * The results panel's side-by-side numbers: the loss under every reduction (one evaluation), and
 * the Keras metric that computes the same function; and the sentence on why loss and metric
 * differ when they do (spec sections 1.4, 3.3 and 5).
 */
import type { EngineResult, EvalOptions, LossRequest, LossResult, MetricResult } from '../../engine/types';
import type { ExampleDoc } from '../../document/document';
import { requestOf, type DocRequest } from '../../document/request';
import type { EvalItem, ItemOutcome } from '../../worker/protocol';
import { formatNumber, samePrinted } from '../common/format';
import { classOfFn, fnIdOf, metricOfFn, paramsOf, reductionsFor } from '../common/lossInfo';
import { currentBatch } from '../../document/examples';
import { flatten } from '../inputs/tensorOps';

export type CompareRole = { role: 'reductions'; reductions: readonly string[] } | { role: 'metric'; name: string };

export interface ComparePlan {
  items: EvalItem[];
  roles: CompareRole[];
  /** The loss class the reductions are for (the doc's own class, or the class of its function/metric). */
  lossClass: string;
}

/**
 * The comparison's own evaluations: the matching metric (its semantics differ from the loss's), and
 * for a function or a metric the loss class on the same batch with every reduction (one evaluation).
 * A loss class's reductions come with the main result (bridge.ts): no item here. Null for an
 * unknown loss.
 */
export function comparePlan(doc: ExampleDoc, base: DocRequest = requestOf(doc)): ComparePlan | null {
  const fn = fnIdOf(doc.kind, doc.name);
  if (!fn) return null;
  const opts: EvalOptions = { ...base.opts, grad: false, steps: false };
  const batch = doc.kind === 'metric' ? doc.updates[doc.updates.length - 1] ?? currentBatch(doc) : currentBatch(doc);
  const lossClass = doc.kind === 'loss' ? doc.name : classOfFn(fn);
  const items: EvalItem[] = [];
  const roles: CompareRole[] = [];
  const weight = batch.sample_weight !== null ? { sample_weight: batch.sample_weight } : {};
  if (doc.kind !== 'loss') {
    const lossKeys = new Set([...paramsOf('loss', lossClass, doc.semantics).map((p) => p.name), 'reduction']);
    const config = Object.fromEntries(Object.entries(doc.config).filter(([k]) => lossKeys.has(k)));
    const req: LossRequest = { kind: 'loss', name: lossClass, config, y_true: batch.y_true, y_pred: batch.y_pred, ...weight };
    items.push({ req, opts: { ...opts, everyReduction: true } });
    roles.push({ role: 'reductions', reductions: reductionsFor(doc.semantics) });
  }
  const metric = doc.kind === 'metric' ? null : metricOfFn(fn);
  if (metric) {
    const keys = new Set(paramsOf('metric', metric, doc.semantics).map((p) => p.name));
    const config = Object.fromEntries(Object.entries(doc.config).filter(([k]) => keys.has(k)));
    items.push({ req: { kind: 'metric', name: metric, config, updates: [{ y_true: batch.y_true, y_pred: batch.y_pred, ...weight }] }, opts });
    roles.push({ role: 'metric', name: metric });
  }
  return { items, roles, lossClass };
}

export interface ReductionRow {
  reduction: string;
  value: number[] | null;
  error?: string;
}

/** Each reduction's value, as Keras returns it, from a loss result evaluated with `everyReduction`. */
export function reductionRows(result: EngineResult): ReductionRow[] {
  if (result.kind !== 'loss' || !result.everyReduction) return [];
  return result.everyReduction.map((r) => ({ reduction: r.reduction, value: Array.from(r.value.data) }));
}

/** Why the loss and the metric print different numbers here, or null when they agree. */
export function whyDiffer(doc: ExampleDoc, loss: LossResult, metric: MetricResult): string | null {
  const l = loss.value.shape.length === 0 ? loss.value.data[0] : NaN;
  const m = metric.results[metric.results.length - 1];
  if (samePrinted(l, m, doc.dtype)) return null;
  const f = (x: number) => formatNumber(x, doc.dtype);
  const red = loss.reduction?.reduction ?? 'none';
  if (red === 'none') return 'reduction=None returns the weighted per-sample values; the metric averages them into one number.';
  if (red === 'sum') return `reduction="sum" adds the per-sample values (${f(l)}); the metric is their weighted mean (${f(m)}).`;
  const snap = metric.snapshots[metric.snapshots.length - 1];
  const batch = currentBatch(doc);
  const ic = doc.config.ignore_class;
  const labels = flatten(batch.y_true);
  const ignored = typeof ic === 'number' ? labels.filter((x) => x === ic).length : 0;
  if (ignored && batch.sample_weight === null && doc.semantics === 'keras3') {
    return `The loss masks the ${ignored} label${ignored > 1 ? 's' : ''} equal to ignore_class=${ic} and divides by the ${labels.length - ignored} valid entries; the metric without sample_weight keeps them as zeros and divides by all ${labels.length}.`;
  }
  const den = loss.reduction?.denominator;
  if (batch.sample_weight !== null && red !== 'mean_with_sample_weight' && den != null) {
    return `With sample_weight, the loss divides Σ(w·v) = ${f(loss.reduction!.numerator ?? NaN)} by the number of values (N = ${f(den)}); the metric divides by Σw = ${f(snap.count)}.`;
  }
  return `The loss (reduction="${red}") divides by ${den != null ? f(den) : 'its denominator'}; the metric's result is total / count = ${f(snap.total)} / ${f(snap.count)}.`;
}

export interface CompareOutcome {
  lossClass: string;
  /** Every reduction of the loss class, for a function or a metric document (a loss: from the main result). */
  reductions: ReductionRow[];
  metric: { name: string; result: MetricResult | null; error?: string } | null;
}

/** Pairs a job's outcomes with the plan's roles. */
export function readCompare(plan: ComparePlan, outcomes: readonly (ItemOutcome | undefined)[]): CompareOutcome {
  const out: CompareOutcome = { lossClass: plan.lossClass, reductions: [], metric: null };
  plan.roles.forEach((role, i) => {
    const o = outcomes[i];
    const error = o && !o.ok ? o.error.message : 'no result';
    if (role.role === 'reductions') {
      out.reductions = o?.ok && o.result.kind === 'loss' ? reductionRows(o.result)
        : role.reductions.map((reduction) => ({ reduction, value: null, error }));
    } else {
      out.metric = o?.ok && o.result.kind === 'metric' ? { name: role.name, result: o.result } : { name: role.name, result: null, error };
    }
  });
  return out;
}
