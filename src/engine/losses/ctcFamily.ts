/**
 * Keras `ctc` as a loss family: validates the Keras shapes, reads the labels as the chosen backend
 * casts them (ctcLabels.ts), runs that backend's own CTC (ctcJax.ts for JAX and NumPy, ctcTf.ts,
 * ctcTorch.ts) in float32 as Keras does whatever the dtype, and shows the lattice as steps.
 */
import type { KwargsOf } from '../catalog';
import { EngineError, formatShape } from '../errors';
import { storage } from '../tensor';
import { step, type Family, type FamilyContext, type FamilyOutput } from './common';
import { ctcLoss } from './ctc';
import { BACKEND_LABELS, ctcInfeasibleReturns } from '../backendNotes';
import { jaxCtc } from './ctcJax';
import { labelNotes, readLabels, type CtcKind, type CtcLabels } from './ctcLabels';
import { tfCtc } from './ctcTf';
import { torchCtc } from './ctcTorch';

const f = Math.fround;

const METHOD: Record<string, string> = {
  jax: 'Keras-on-JAX recursion (optax), float32, log(0) as -1e5',
  numpy: 'Keras-on-NumPy recursion (optax), float32, log(0) as -1e5',
  tensorflow: 'tf.nn.ctc_loss (dense, renormalised forward-backward), float32, log(0) as log(1e-307)',
  torch: 'torch.nn.functional.ctc_loss, float32, real -inf',
};

function checkShapes(ctx: FamilyContext): [number, number, number, number] {
  const ts = ctx.yTrue.shape;
  const ps = ctx.yPred.shape;
  if (ctx.semantics === 'tf_keras2') {
    throw new EngineError(
      'tf.keras 2 has no CTC loss: it offered backend.ctc_batch_cost with explicit lengths and the blank last. ' +
        'Switch semantics to keras3.',
      'semantics',
    );
  }
  if (ts.length !== 2) {
    throw new EngineError(
      `Targets y_true are expected to be a tensor of shape (batch_size, max_length) in integer format. ` +
        `Received: y_true.shape=${formatShape(ts)}`,
      'y_true',
    );
  }
  if (ps.length !== 3) {
    throw new EngineError(
      `Logits y_pred are expected to be a tensor of shape (batch_size, max_length, num_classes). ` +
        `Received: y_pred.shape=${formatShape(ps)}`,
      'y_pred',
    );
  }
  const [B, N] = ts;
  const [Bp, T, C] = ps;
  if (B !== Bp) throw new EngineError(`y_true has ${B} rows but y_pred has ${Bp}: expected the same batch size.`, 'y_pred');
  if (T < 1 || C < 1) throw new EngineError(`y_pred needs at least one time step and one class; received shape ${formatShape(ps)}.`, 'y_pred');
  return [B, N, T, C];
}

/** NumPy's one_hot assigns categorical[i, x] for every label x >= 0 and raises past the last class. */
const fmtLabel = (v: number): string => (Number.isNaN(v) ? 'NaN' : String(v));

function numpyOneHot(yTrue: ArrayLike<number>, labels: CtcLabels, B: number, N: number, C: number): void {
  for (let i = 0; i < B * N; i++) {
    const k = labels.ints[i];
    if (k >= C) {
      const index = [Math.floor(i / N), i % N];
      throw new EngineError(
        `y_true[${index[0]}][${index[1]}] is ${fmtLabel(yTrue[i])}, read as class ${k}: Keras on NumPy one-hot encodes the labels and raises ` +
          `"index ${k} is out of bounds for axis 1 with size ${C}" (labels must lie in [0, ${C})).`,
        'y_true', index,
      );
    }
  }
}

function infeasibleRows(labels: CtcLabels, B: number, N: number, T: number): number[] {
  const rows: number[] = [];
  for (let b = 0; b < B; b++) {
    const L = labels.lengths[b];
    let repeats = 0;
    for (let n = 1; n < L; n++) if (labels.ints[b * N + n] === labels.ints[b * N + n - 1]) repeats++;
    if (T < L + repeats) rows.push(b);
  }
  return rows;
}

export const ctc: Family<KwargsOf<'ctc'>> = (ctx) => {
  const [B, N, T, C] = checkShapes(ctx);
  const backend = ctx.backend;
  // No CTC metric exists; only the Loss object hands JAX device arrays (NaN casts to class 0).
  const kind: CtcKind = ctx.caller === 'function' ? 'function' : 'loss';
  const labels = readLabels(ctx.yTrue.data, B, N, backend, kind);
  for (const n of labelNotes(ctx.yTrue.data, labels, B, N, C, backend)) ctx.warn({ ...n, field: 'y_true' });
  if (backend === 'numpy') numpyOneHot(ctx.yTrue.data, labels, B, N, C);
  const z = ctx.yPred.data;
  const perSample = new Float64Array(B);
  let backward: ((c: Float64Array) => Float64Array) | null = null;
  let gradError: string | undefined;
  if (backend === 'torch') {
    const res = torchCtc(z, B, T, C, labels.ints, N, labels.lengths, ctx.wantGrad);
    // The recorded loss runs take the gradient, so a crashing backward fails the whole call there.
    const crash = res.readCrash ?? (kind === 'loss' ? res.writeCrash : null);
    if (crash) throw new EngineError(`${crash.message} Keras on torch cannot compute this.`, 'y_true', crash.index);
    if (res.writeCrash) gradError = res.writeCrash.message;
    perSample.set(res.values);
    if (res.outside > 0) {
      ctx.warn({
        code: 'ctc_torch_out_of_bounds', field: 'y_true',
        message: `torch read ${res.outside} log-probabilities outside its tensor for labels outside [0, ${C}): undefined memory, ` +
          'read as 0 here as in the recorded runs; the real value can differ from run to run.',
      });
    }
    backward = res.grad;
  } else {
    const grads: (((c: number) => Float64Array) | null)[] = [];
    for (let b = 0; b < B; b++) {
      const lab = labels.ints.subarray(b * N, (b + 1) * N);
      const run = backend === 'tensorflow' ? tfCtc : jaxCtc;
      const s = run(z, b * T * C, T, C, lab, N, labels.lengths[b], ctx.wantGrad && backend !== 'numpy');
      perSample[b] = f(s.value);
      grads.push(s.grad);
    }
    if (grads.every((g) => g)) {
      backward = (c) => {
        const g = new Float64Array(B * T * C);
        for (let b = 0; b < B; b++) g.set(grads[b]!(c[b]), b * T * C);
        return g;
      };
    }
  }
  for (const b of infeasibleRows(labels, B, N, T)) {
    ctx.warn({
      code: 'ctc_infeasible',
      message: `Sample ${b}: no alignment exists (T=${T} is shorter than the label length plus its repeats). ` +
        `The true loss is infinite; Keras on ${BACKEND_LABELS[backend]} returns ${ctcInfeasibleReturns(backend)}.`,
      field: 'y_true',
      index: [b],
    });
  }
  const out: FamilyOutput = { values: { shape: [B], data: perSample }, outMask: null, backward, gradError, steps: [] };
  if (ctx.wantSteps) out.steps = ctcSteps(ctx, labels, [B, N, T, C], perSample, backend);
  return out;
};

function ctcSteps(ctx: FamilyContext, labels: CtcLabels, dims: number[], perSample: Float64Array, backend: string): FamilyOutput['steps'] {
  const [B, N, T, C] = dims;
  const steps: FamilyOutput['steps'] = [];
  const dt = ctx.num.dtype;
  steps.push(step('labels', `y_true cast to integers by ${backend} (truncated toward 0)`, { shape: [B, N], data: storage(labels.ints, dt) }, 'y_true'));
  steps.push(step('label_length', 'sum(y_true ≠ 0) per sample', { shape: [B], data: storage(Float64Array.from(labels.lengths), dt) }, 'per_sample'));
  const z = Float64Array.from(ctx.yPred.data, f); // Keras casts the logits to float32
  for (let b = 0; b < B; b++) {
    const L = labels.lengths[b], lab = labels.ints.subarray(b * N, (b + 1) * N);
    // The textbook lattice exists only for labels that are classes.
    if (!lab.subarray(0, L).every((k) => k >= 0 && k < C)) continue;
    const res = ctcLoss(lab, 1, N, z.subarray(b * T * C, (b + 1) * T * C), T, C, { grad: false, lattices: true, float32: false, lengths: [L] });
    const lat = res.lattices![0];
    const S = lat.extended.length;
    const t = (d: Float64Array) => ({ shape: [T, S], data: storage(d, dt) });
    steps.push(step(`log_alpha[${b}]`, `forward log α (textbook lattice), sample ${b}: labels [${lat.labels.join(', ')}], extended [${lat.extended.join(', ')}]`, t(lat.logAlpha)));
    steps.push(step(`log_beta[${b}]`, `backward log β, sample ${b}`, t(lat.logBeta)));
    steps.push(step(`occupancy[${b}]`, `γ_t(s) = exp(log α + log β − log P), sample ${b}; log P = ${lat.logP}`, t(lat.occupancy)));
  }
  steps.push(step('per_sample', `−log P(label | logits): ${METHOD[backend]}`, { shape: [B], data: storage(perSample, dt) }, 'per_sample'));
  return steps;
}
