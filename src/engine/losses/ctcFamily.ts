/**
 * Keras `ctc` as a loss family: validates the Keras shapes and labels, runs the
 * forward-backward recursion of ctc.ts, and exposes its lattices as steps.
 */
import { EngineError, formatShape } from '../errors';
import { storage } from '../tensor';
import { step, type Family, type FamilyOutput } from './common';
import { ctcLoss } from './ctc';

export const ctc: Family = (ctx) => {
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
  const [B, L] = ts;
  const [Bp, T, C] = ps;
  if (B !== Bp) {
    throw new EngineError(
      `y_true has ${B} rows but y_pred has ${Bp}: expected the same batch size.`, 'y_pred',
    );
  }
  for (let i = 0; i < B * L; i++) {
    const v = ctx.yTrue.data[i];
    if (!Number.isInteger(v) || v < 0 || v >= C) {
      const index = [Math.floor(i / L), i % L];
      throw new EngineError(
        `y_true[${index[0]}][${index[1]}] is ${v}: expected an integer label in [0, ${C}) (0 is the blank and padding).`,
        'y_true', index,
      );
    }
  }
  const res = ctcLoss(ctx.yTrue.data, B, L, ctx.yPred.data, T, C, {
    grad: ctx.wantGrad, lattices: ctx.wantSteps, float32: ctx.num.dtype === 'float32',
  });
  for (const b of res.infeasible) {
    ctx.warn({
      code: 'ctc_infeasible',
      message: `Sample ${b}: no alignment exists (T=${T} is shorter than the label length plus its repeats). ` +
        'The true loss is infinite; Keras on JAX/NumPy returns about 1e5, TensorFlow about 709, torch inf.',
      field: 'y_true',
      index: [b],
    });
  }
  const out: FamilyOutput = {
    values: { shape: [B], data: res.perSample },
    outMask: null,
    backward: res.grad
      ? (c) => {
          const g = new Float64Array(res.grad!.length);
          const per = T * C;
          for (let b = 0; b < B; b++) for (let k = 0; k < per; k++) g[b * per + k] = c[b] * res.grad![b * per + k];
          return g;
        }
      : null,
    steps: [],
  };
  if (res.lattices) {
    res.lattices.forEach((lat, b) => {
      const S = lat.extended.length;
      const t = (d: Float64Array) => ({ shape: [T, S], data: storage(d, ctx.num.dtype) });
      out.steps.push(step(`log_alpha[${b}]`, `forward log α, sample ${b}: labels [${lat.labels.join(', ')}], extended [${lat.extended.join(', ')}]`, t(lat.logAlpha)));
      out.steps.push(step(`log_beta[${b}]`, `backward log β, sample ${b}`, t(lat.logBeta)));
      out.steps.push(step(`occupancy[${b}]`, `γ_t(s) = exp(log α + log β − log P), sample ${b}; log P = ${lat.logP}`, t(lat.occupancy)));
    });
    out.steps.push(step('per_sample', '−log P(label | logits)', { shape: [B], data: storage(res.perSample, ctx.num.dtype) }, 'per_sample'));
  }
  return out;
};
