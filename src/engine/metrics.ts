/**
 * Keras metric classes (`MeanMetricWrapper` over a loss function) as a fold: a running weighted
 * `total` and `count`, `result() = total / count`: the weighted mean over every sample seen since
 * the last reset, not a mean of batch means.
 */
import { resolveMetricCall, type ResolvedCall } from './config';
import { EngineError, formatShape } from './errors';
import { runFamily } from './bind';
import type { FamilyContext } from './losses/common';
import { kerasMean } from './kerasMean';
import { computeDtype, kerasBackendOf } from './loss';
import { numFor, sumRounded, type Num } from './numerics';
import { alignWeightsTfKeras2, checkInPlaceMask, divideNoNan, multiplyBroadcast, squeezeOrExpand, type Dense } from './reduction';
import { broadcastShapes, broadcastTo, sameShape, sizeOf, storage } from './tensor';
import { toTensor } from './tensorInput';
import type {
  EngineWarning, EvalOptions, KerasBackend, MetricRequest, MetricResult, MetricSnapshot, MetricUpdate, Semantics,
} from './types';

/** `ops.mean` of `d` over its trailing axes, keeping the first `keep` axes (float32 inside on JAX/torch). */
function meanTrailing(d: Dense, keep: number, num: Num, backend: KerasBackend): Dense {
  const shape = d.shape.slice(0, keep);
  const outer = sizeOf(shape);
  const inner = d.data.length / outer;
  const out = new Float64Array(outer);
  for (let i = 0; i < outer; i++) out[i] = kerasMean(d.data, num, backend, i * inner, (i + 1) * inner);
  return { shape, data: out };
}

function mul(a: Dense, b: Dense, num: Num, field: string): Dense {
  return multiplyBroadcast(a, b, num, `${field} does not broadcast against the per-sample values`, field);
}

export class Metric {
  total = 0;
  count = 0;
  readonly warnings: EngineWarning[] = [];
  private readonly call: ResolvedCall;
  private readonly num: Num;

  readonly backend: KerasBackend;

  constructor(
    readonly name: string, config: Record<string, unknown> = {},
    readonly semantics: Semantics = 'keras3', dtype?: EvalOptions['dtype'], backend?: KerasBackend,
  ) {
    this.call = resolveMetricCall(name, config, semantics);
    this.backend = kerasBackendOf({ semantics, kerasBackend: backend });
    const requested = this.call.dtype ?? dtype ?? 'float64';
    this.num = numFor(computeDtype(requested, this.backend, this.call), this.backend);
    this.warnings.push(...this.call.warnings);
  }

  getConfig(): Record<string, unknown> {
    return { ...this.call.config };
  }

  static fromConfig(name: string, config: Record<string, unknown>, semantics: Semantics = 'keras3'): Metric {
    return new Metric(name, config, semantics);
  }

  resetState(): void {
    this.total = 0;
    this.count = 0;
  }

  result(): number {
    return divideNoNan(this.total, this.count, this.num);
  }

  /** One update_state(y_true, y_pred, sample_weight) call; `at` prefixes error fields (`updates[2].`). */
  updateState(u: MetricUpdate, at = ''): MetricSnapshot {
    const { num } = this;
    const dtype = num.dtype;
    const yTrue = toTensor(u.y_true, `${at}y_true`, dtype);
    const yPred = toTensor(u.y_pred, `${at}y_pred`, dtype);
    const swT = u.sample_weight != null ? toTensor(u.sample_weight, `${at}sample_weight`, dtype) : null;
    let tShape = yTrue.shape, pShape = yPred.shape;
    // Keras 3 metrics do not align y_true/y_pred; tf.keras 2 squeezed a trailing size-1 axis.
    if (this.semantics === 'tf_keras2') {
      if (tShape.length === pShape.length + 1 && tShape[tShape.length - 1] === 1) tShape = tShape.slice(0, -1);
      else if (pShape.length === tShape.length + 1 && pShape[pShape.length - 1] === 1) pShape = pShape.slice(0, -1);
    }
    const ctx: Omit<FamilyContext, 'cfg'> = {
      yTrue: { shape: tShape, data: yTrue.data }, yPred: { shape: pShape, data: yPred.data }, num, semantics: this.semantics, backend: this.backend, caller: 'metric', wantGrad: false, wantSteps: false,
      warn: (w) => this.warnings.push(w),
    };
    let fam;
    try {
      fam = runFamily(this.call, ctx);
    } catch (e) {
      if (e instanceof EngineError && at) throw new EngineError(e.message, `${at}${e.field ?? ''}`, e.index);
      throw e;
    }
    const values0 = fam.values;
    let values: Dense = values0;
    let w: Dense | null = swT ? { shape: swT.shape, data: Float64Array.from(swT.data) } : null;
    const legacy = this.semantics === 'tf_keras2';
    if (fam.outMask && (w || legacy)) {
      // Keras's apply_mask aligns the ranks of mask and weights before multiplying.
      const m = fam.outMask;
      if (w) {
        const [ms, ws] = legacy ? [m.shape, alignWeightsTfKeras2(m.shape, w.shape)] : squeezeOrExpand(m.shape, w.shape);
        checkInPlaceMask(ws, ms, num, `${at}sample_weight`);
        w = mul({ shape: ws, data: w.data }, { shape: ms, data: m.data }, num, `${at}sample_weight`);
      } else w = m;
    }
    try {
      if (w && legacy) [values, w] = this.weighLegacy(values, w);
      else if (w) [values, w] = this.weigh(values, w);
    } catch {
      throw new EngineError(
        `${at}sample_weight of shape ${formatShape(w!.shape)} does not broadcast against the per-sample values of shape ` +
          `${formatShape(values0.shape)}: expected a weight per sample, or the values' own shape.`,
        `${at}sample_weight`,
      );
    }
    if (!legacy && values.shape.length > 1) values = meanTrailing(values, 1, num, this.backend);
    const s = sumRounded(values.data, num.r);
    this.total = num.r(this.total + s);
    let c: number;
    if (w) c = sumRounded(w.data, num.r);
    else if (legacy) c = values.data.length;
    else c = values.shape.length >= 1 ? values.shape[0] : 1;
    this.count = num.r(this.count + c);
    return {
      total: this.total, count: this.count, result: this.result(),
      values: { shape: values0.shape, data: storage(values0.data, dtype) },
      weights: w ? { shape: w.shape, data: storage(w.data, dtype) } : null,
      added: { total: s, count: c },
    };
  }

  /** Keras 3 `reduce_to_samplewise_values`. */
  private weigh(values: Dense, w: Dense): [Dense, Dense] {
    const { num } = this;
    const [vs, ws] = squeezeOrExpand(values.shape, w.shape);
    values = { shape: vs, data: values.data };
    w = { shape: ws, data: w.data };
    if (vs.length > ws.length) values = meanTrailing(values, ws.length, num, this.backend);
    const full = broadcastShapes(w.shape, values.shape);
    if (!full || !sameShape(full, values.shape)) throw new Error('broadcast');
    const wb: Dense = { shape: values.shape, data: broadcastTo({ shape: w.shape, data: w.data }, values.shape) };
    values = mul(values, wb, num, 'sample_weight');
    return [values, wb.shape.length > 1 ? meanTrailing(wb, 1, num, this.backend) : wb];
  }

  /** tf.keras 2 `Reduce.update_state`: weights broadcast to the values when they can. */
  private weighLegacy(values: Dense, w: Dense): [Dense, Dense] {
    const { num } = this;
    let ws = w.shape;
    if (ws.length === values.shape.length + 1 && ws[ws.length - 1] === 1) ws = ws.slice(0, -1);
    else if (values.shape.length === ws.length + 1) ws = [...ws, 1];
    w = { shape: ws, data: w.data };
    const full = broadcastShapes(ws, values.shape);
    if (full && sameShape(full, values.shape)) {
      const wb = { shape: values.shape, data: broadcastTo({ shape: ws, data: w.data }, values.shape) };
      return [mul(values, wb, num, 'sample_weight'), wb];
    }
    const reduced = meanTrailing(values, ws.length, num, this.backend);
    return [mul(reduced, w, num, 'sample_weight'), w];
  }
}

/** The update indices to reset before: integers naming an update (a reset before none would be lost silently). */
function resetIndices(list: unknown, updates: number): number[] {
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw new EngineError(`expected a list of update indices, received ${JSON.stringify(list)}.`, 'reset_before');
  return list.map((r: unknown, k) => {
    if (typeof r !== 'number' || !Number.isInteger(r) || r < 0 || r >= updates) {
      throw new EngineError(`${JSON.stringify(r)} is not an update index: expected an integer from 0 to ${updates - 1}.`, 'reset_before', [k]);
    }
    return r;
  });
}

/** Run a metric request: update after update, with reset_state() before the listed indices. */
export function evaluateMetric(req: MetricRequest, opts: EvalOptions = {}): MetricResult {
  const semantics = opts.semantics ?? 'keras3';
  const m = new Metric(req.name, req.config ?? {}, semantics, opts.dtype ?? 'float64', opts.kerasBackend);
  const resets = new Set(resetIndices(req.reset_before, req.updates.length));
  const snapshots = req.updates.map((u, i) => {
    if (resets.has(i)) m.resetState();
    return m.updateState(u, `updates[${i}].`);
  });
  return {
    kind: 'metric', name: req.name, config: m.getConfig(), results: snapshots.map((s) => s.result),
    snapshots, warnings: m.warnings, dtype: opts.dtype ?? 'float64', semantics, kerasBackend: m.backend,
  };
}
