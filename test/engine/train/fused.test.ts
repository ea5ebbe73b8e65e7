/**
 * The fused training loops stand in for the engine only where they agree with it: for every
 * family, input kind, Keras backend, dtype and option they serve, on random logits that include
 * entries past and on the clip bounds, their loss, per-sample values, dL/dz, probabilities and
 * clipped count equal the reference stepper's (evaluateLoss with its gradient, carried through
 * the softmax / sigmoid) to float rounding. Requests they do not serve get no fused loop.
 */
import { describe, expect, it } from 'vitest';
import { evaluateLoss, type EvalOptions, type KerasBackend, type LossRequest } from '../../../src/engine/index';
import { fusedStepper } from '../../../src/engine/train/fusedPlan';
import { forward } from '../../../src/engine/train/maps';
import { problemOf } from '../../../src/engine/train/problem';
import { referenceStepper } from '../../../src/engine/train/stepper';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
}

/** Logits with a few entries far out (clipped) and, in probability mode, some exactly on ε. */
function logits(n: number, D: number, next: () => number): Float64Array {
  return Float64Array.from({ length: n * D }, (_, k) => {
    const u = next();
    if (k % 7 === 3) return (u < 0.5 ? -1 : 1) * (18 + 6 * next()); // past the clip bounds
    return (u - 0.5) * 8;
  });
}

interface Case {
  name: string; binary: boolean; config: Record<string, unknown>; soft?: boolean; weights?: boolean; kind?: 'function';
  /** Sparse labels (class ids; -1 is ignore_class). */
  sparse?: boolean;
}

const CASES: Case[] = [
  { name: 'BinaryCrossentropy', binary: true, config: {} },
  { name: 'BinaryCrossentropy', binary: true, config: { label_smoothing: 0.2 }, weights: true },
  { name: 'BinaryCrossentropy', binary: true, config: { reduction: 'sum' }, soft: true },
  { name: 'binary_crossentropy', binary: true, config: {}, kind: 'function' },
  { name: 'BinaryFocalCrossentropy', binary: true, config: {} },
  { name: 'BinaryFocalCrossentropy', binary: true, config: { gamma: 0.5, apply_class_balancing: true, alpha: 0.3, label_smoothing: 0.1 }, weights: true },
  { name: 'BinaryFocalCrossentropy', binary: true, config: { gamma: 0, reduction: 'mean_with_sample_weight' }, weights: true },
  { name: 'BinaryFocalCrossentropy', binary: true, config: { gamma: 3.5, reduction: 'none' }, soft: true },
  { name: 'CategoricalCrossentropy', binary: false, config: {} },
  { name: 'CategoricalCrossentropy', binary: false, config: { label_smoothing: 0.1, reduction: 'sum' }, weights: true },
  { name: 'CategoricalCrossentropy', binary: false, config: {}, soft: true },
  { name: 'categorical_crossentropy', binary: false, config: { label_smoothing: 0.3 }, kind: 'function' },
  { name: 'CategoricalFocalCrossentropy', binary: false, config: {} },
  { name: 'CategoricalFocalCrossentropy', binary: false, config: { gamma: 0, alpha: [0.1, 0.2, 0.3, 0.4, 0.5] }, weights: true },
  { name: 'CategoricalFocalCrossentropy', binary: false, config: { gamma: 1.5, label_smoothing: 0.2, reduction: 'none' }, soft: true },
  { name: 'SparseCategoricalCrossentropy', binary: false, config: {}, sparse: true, weights: true },
  { name: 'SparseCategoricalCrossentropy', binary: false, config: { ignore_class: -1, reduction: 'sum_over_batch_size' }, sparse: true },
  { name: 'sparse_categorical_crossentropy', binary: false, config: { ignore_class: -1 }, sparse: true, kind: 'function' },
];

function request(c: Case, z: Float64Array, n: number, D: number, next: () => number): LossRequest {
  const y = new Float64Array(n * D);
  for (let i = 0; i < n; i++) {
    if (c.binary) for (let j = 0; j < D; j++) y[i * D + j] = c.soft ? next() : next() < 0.5 ? 0 : 1;
    else if (c.soft) {
      let s = 0;
      for (let j = 0; j < D; j++) s += y[i * D + j] = next();
      for (let j = 0; j < D; j++) y[i * D + j] /= s;
    } else y[i * D + Math.floor(next() * D)] = 1;
  }
  const labels = Float64Array.from({ length: n }, (_, i) => (i % 5 === 2 && c.config.ignore_class === -1 ? -1 : y.subarray(i * D, i * D + D).indexOf(1)));
  const req: LossRequest = {
    kind: c.kind ?? 'loss', name: c.name, config: { ...c.config },
    y_true: c.sparse ? { shape: [n], data: labels } : { shape: [n, D], data: y }, y_pred: { shape: [n, D], data: z },
  };
  if (c.weights) req.sample_weight = { shape: [n], data: Float64Array.from({ length: n }, (_, i) => (i % 4 === 0 ? 0 : 0.5 + next())) };
  return req;
}

function expectClose(a: ArrayLike<number>, b: ArrayLike<number>, rel: number, what: string): void {
  let scale = 0;
  for (let k = 0; k < b.length; k++) if (Number.isFinite(b[k])) scale = Math.max(scale, Math.abs(b[k]));
  for (let k = 0; k < b.length; k++) {
    if (Number.isNaN(a[k]) && Number.isNaN(b[k])) continue; // where the backend's autodiff gives NaN (pow at gamma = 0)
    const tol = rel * Math.abs(b[k]) + rel * 0.1 * scale + 1e-300;
    if (!(Math.abs(a[k] - b[k]) <= tol)) expect.fail(`${what}[${k}]: fused ${a[k]} vs engine ${b[k]}`);
  }
}

const BACKENDS: KerasBackend[] = ['tensorflow', 'jax', 'torch'];

describe('fused training loops against the engine gradient', () => {
  for (const c of CASES) {
    for (const fromLogits of [false, true]) {
      const label = `${c.name} ${JSON.stringify(c.config)}${c.soft ? ' soft labels' : ''}${c.weights ? ' weighted' : ''}, from_logits=${fromLogits}`;
      it(label, () => {
        const next = rng(label.length * 7919 + (fromLogits ? 1 : 0));
        const n = 24, D = 5;
        for (const backend of BACKENDS) {
          for (const dtype of ['float64', 'float32'] as const) {
            const z = logits(n, D, next);
            const base = request(c, z, n, D, next);
            const req = { ...base, config: { ...base.config, from_logits: fromLogits } };
            const opts: EvalOptions = { dtype, kerasBackend: backend };
            const p = problemOf(req, opts);
            // Valid probabilities for the request; the steppers are evaluated at z itself.
            const probs = forward(p.probs!, z, new Float64Array(z.length), p.layout);
            if (!fromLogits) (p.req.y_pred as { data: Float64Array }).data = probs;
            const fused = fusedStepper(p, evaluateLoss(p.req, { ...opts, grad: true }));
            // TensorFlow's sparse loss clips probabilities before renormalising: the engine's path.
            if (c.sparse && !fromLogits && backend === 'tensorflow') {
              expect(fused).toBeNull();
              continue;
            }
            expect(fused?.path, `${backend} ${dtype}`).toBe('fused');
            const a = fused!.evaluate(z), b = referenceStepper(p, opts).evaluate(z);
            const rel = dtype === 'float64' ? 1e-9 : 2e-5;
            // Keras's mean and reductions are float32 on JAX / torch even in float64 (the engine follows).
            const relValue = dtype === 'float64' && backend !== 'tensorflow' ? 5e-7 : rel;
            const at = `${backend} ${dtype}`;
            expectClose([a.loss], [b.loss], relValue, `${at} loss`);
            expectClose(a.perSample, b.perSample, relValue, `${at} per-sample`);
            expectClose(a.gz, b.gz, rel, `${at} dL/dz`);
            expectClose(a.probs!, b.probs!, 1e-10, `${at} probabilities`);
            expect(a.clipped, `${at} clipped entries`).toBe(b.clipped);
            // Plain cross-entropy on probabilities freezes the clipped entries (focal terms keep a gradient through p_t).
            if (!fromLogits && !c.name.toLowerCase().includes('focal')) expect(b.clipped, at).toBeGreaterThan(0);
          }
        }
      });
    }
  }

  it('along a trajectory: exponentials carried from step to step stay the engine\'s (float32)', () => {
    // Small moves are carried (exp(z − M) updated by exp(d)), large ones and every 32nd call recompute.
    const next = rng(99), n = 16, D = 6;
    for (const name of ['CategoricalCrossentropy', 'CategoricalFocalCrossentropy']) {
      const z = logits(n, D, next);
      const req = request({ name, binary: false, config: { label_smoothing: 0.05 } }, z, n, D, next);
      const opts: EvalOptions = { dtype: 'float32' };
      const p = problemOf(req, opts);
      (p.req.y_pred as { data: Float64Array }).data = forward('softmax', z, new Float64Array(z.length), p.layout);
      const fused = fusedStepper(p, evaluateLoss(p.req, opts))!, ref = referenceStepper(p, opts);
      for (let k = 0; k < 80; k++) {
        const scale = k % 17 === 5 ? 0.5 : 0.005; // now and then a move too large to carry
        for (let i = 0; i < z.length; i++) z[i] += scale * (next() - 0.5);
        const a = fused.evaluate(z), b = ref.evaluate(z);
        expectClose(a.gz, b.gz, 2e-5, `${name} step ${k} dL/dz`);
        expectClose([a.loss], [b.loss], 2e-5, `${name} step ${k} loss`);
        expectClose(a.probs!, b.probs!, 1e-10, `${name} step ${k} probabilities`);
        expect(a.clipped).toBe(b.clipped);
      }
    }
  });

  it('clip ties: probabilities exactly on ε and 1 − ε (JAX passes half the gradient there)', () => {
    for (const backend of BACKENDS) {
      const lo = Math.fround(1e-7), hi = Math.fround(1 - Math.fround(1e-7));
      const p = [lo, hi, 0.3, lo, hi, 0.6];
      const z = Float64Array.from(p, (q) => Math.log(q) - Math.log1p(-q));
      const req: LossRequest = { kind: 'loss', name: 'BinaryCrossentropy', y_true: [[1, 1, 0], [0, 0, 1]], y_pred: [[...p.slice(0, 3)], [...p.slice(3)]] };
      const opts: EvalOptions = { dtype: 'float32', kerasBackend: backend };
      const prob = problemOf(req, opts);
      const a = fusedStepper(prob, evaluateLoss(prob.req, opts))!.evaluate(z), b = referenceStepper(prob, opts).evaluate(z);
      expectClose(a.gz, b.gz, 2e-5, backend);
      expect(a.clipped).toBe(b.clipped);
    }
  });

  it('serves no request it has not been checked on', () => {
    const base: LossRequest = { kind: 'loss', name: 'CategoricalCrossentropy', y_true: [[0, 1], [1, 0]], y_pred: [[0.3, 0.7], [0.6, 0.4]] };
    const none = (req: LossRequest, opts: EvalOptions) => {
      const p = problemOf(req, opts);
      return fusedStepper(p, evaluateLoss(p.req, opts));
    };
    expect(none(base, { semantics: 'tf_keras2' })).toBeNull();
    expect(none({ ...base, mask: [1, 0] }, {})).toBeNull();
    expect(none({ ...base, config: { axis: 0 } }, {})).toBeNull();
    expect(none({ ...base, sample_weight: [1, NaN] }, {})).toBeNull();
    expect(none({ ...base, name: 'SparseCategoricalCrossentropy', y_true: [1, 0] }, {})).toBeNull(); // TensorFlow, probabilities
    expect(none({ ...base, name: 'SparseCategoricalCrossentropy', y_true: [1, 2] }, { kerasBackend: 'jax' })).toBeNull(); // label out of range
    expect(none({ ...base, name: 'SparseCategoricalCrossentropy', y_true: [1, 0] }, { kerasBackend: 'jax' })).not.toBeNull();
    expect(none({ ...base, name: 'KLDivergence' }, {})).toBeNull();
    expect(none(base, {})).not.toBeNull();
  });
});
