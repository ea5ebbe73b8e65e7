/**
 * The training loop: from the starting logits, evaluate (loss, dL/dz, probabilities), record,
 * update, for `steps` updates; the compare setting runs the same loop from the same start.
 */
import { EngineError } from '../errors';
import { evaluateLoss } from '../loss';
import { pickSamples } from '../sweep/common';
import type { EngineWarning, EvalOptions, LossRequest } from '../types';
import { fusedStepper } from './fusedPlan';
import { forward, startLogits } from './maps';
import { makeOptimizer, type Optimizer } from './optimizer';
import { checkParams, type CheckedParams, type OptimizerSettings } from './params';
import { compareRequest, problemOf, type Problem } from './problem';
import { gradOf, objectiveOf, referenceStepper, type Stepper } from './stepper';
import { truthOf, type Truth } from './truth';
import type { TrainDetail, TrainParams, TrainRun, TrainTrace } from './types';

interface Setting {
  label: string;
  problem: Problem;
  opts: EvalOptions;
  optimizer: OptimizerSettings;
}

export function trainRun(input: LossRequest, opts: EvalOptions = {}, params: TrainParams): TrainRun {
  const tp = checkParams(params);
  const problem = problemOf(input, opts);
  const start = startLogits(problem.reads, (problem.req.y_pred as { data: ArrayLike<number> }).data, problem.shape, problem.layout);
  const main = trace({ label: input.name, problem, opts, optimizer: tp.optimizer }, start.z, tp, start.warnings);
  if (!tp.compare) return { main, compare: null };
  let other: Problem;
  try {
    other = problemOf(compareRequest(problem.req, tp.compare), opts);
    if (other.shape.join() !== problem.shape.join()) throw new EngineError('the compare setting reads y_pred in another shape.', 'y_pred');
    // Its y_pred is what it reads at the shared start (another from_logits reads z differently).
    other.req = { ...other.req, y_pred: { shape: other.shape, data: forward(other.reads, start.z, new Float64Array(start.z.length), other.layout) } };
    const label = tp.compare.label ?? describe(tp.compare, other);
    return { main, compare: trace({ label, problem: other, opts, optimizer: tp.compare.optimizerSettings }, start.z, { ...tp, detailStep: null }, []) };
  } catch (e) {
    if (!(e instanceof EngineError) || e.field?.startsWith('train.')) throw e;
    throw new EngineError(`compare: ${e.message}`, `train.compare.${e.field ?? 'config'}`, e.index);
  }
}

/** Step k's gradient and update, for the explain view (runs k + 1 updates). */
export function trainStep(input: LossRequest, opts: EvalOptions = {}, params: TrainParams, k: number): TrainDetail {
  const steps = Number.isInteger(k) && k >= 0 ? k + 1 : k;
  const run = trainRun(input, opts, { ...params, steps, detailStep: k, compare: null, samples: [] });
  if (!run.main.detail) throw new EngineError(`the run stopped at step ${run.main.stopped?.step} before step ${k}: ${run.main.stopped?.reason}`, 'train.detailStep');
  return run.main.detail;
}

function describe(c: CheckedParams['compare'], p: Problem): string {
  const parts = Object.entries(c!.config ?? {}).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  if (c!.name) parts.unshift(p.req.name);
  if (c!.optimizer || c!.learning_rate !== undefined) parts.push(`${c!.optimizerSettings.name} lr=${c!.optimizerSettings.learning_rate}`);
  return parts.join(', ') || p.req.name;
}

function trace(s: Setting, z0: Float64Array, tp: CheckedParams, startWarnings: EngineWarning[]): TrainTrace {
  const p = s.problem;
  // The request as given, once: its errors, warnings, config and whether the backend has a gradient.
  const res0 = evaluateLoss(p.req, { ...s.opts, grad: true, steps: false });
  gradOf(res0);
  const stepper: Stepper = (!tp.reference && fusedStepper(p, res0)) || referenceStepper(p, s.opts);
  const truth = truthOf(p);
  const samples = pickSamples(tp.samples, p.count);
  // The logits are the model's variable: float32 storage with float32 compute, as Keras keeps it.
  const z = p.dtype === 'float32' ? Float64Array.from(z0, Math.fround) : Float64Array.from(z0);
  const optimizer = makeOptimizer(s.optimizer, z.length, p.dtype === 'float32');
  const rec = descend(p, stepper, optimizer, truth, z, samples, tp.steps, tp.detailStep);
  const { objective } = objectiveOf(res0);
  return {
    label: s.label, name: p.req.name, config: res0.config,
    optimizer: s.optimizer.name === 'sgd' ? { name: 'sgd', learning_rate: s.optimizer.learning_rate } : { ...s.optimizer },
    reads: p.reads, objective, path: stepper.path, steps: tp.steps, ...rec, count: p.count, samples,
    trueProbKind: truth.kind,
    optimum: truth.optimum ? Float64Array.from(samples, (i) => truth.optimum![i]) : null,
    shape: p.shape.slice(), finalLogits: z, finalPred: forward(p.reads, z, new Float64Array(z.length), p.layout),
    warnings: [...res0.warnings, ...startWarnings],
  };
}

type Records = Pick<TrainTrace, 'loss' | 'clipped' | 'trueProb' | 'meanTrueProb' | 'detail' | 'stopped'>;

/** The loop itself, apart from the setup so that it stays one small optimised function. Moves z. */
function descend(
  p: Problem, stepper: Stepper, optimizer: Optimizer, truth: Truth, z: Float64Array, samples: number[], N: number, detailStep: number | null,
): Records {
  const S = samples.length;
  const loss = new Float64Array(N + 1).fill(NaN), clipped = new Uint32Array(N + 1);
  const trueProb = new Float64Array((N + 1) * S).fill(NaN), meanTrueProb = new Float64Array(N + 1).fill(NaN);
  const all = new Float64Array(p.count), delta = new Float64Array(z.length);
  let detail: TrainDetail | null = null, stopped: TrainTrace['stopped'] = null;
  for (let k = 0; k <= N; k++) {
    let ev;
    try {
      ev = stepper.evaluate(z);
    } catch (e) {
      stopped = { step: k, reason: e instanceof Error ? e.message : String(e) };
      break;
    }
    loss[k] = ev.loss;
    clipped[k] = ev.clipped;
    truth.fill(ev.probs, ev.perSample, all);
    let sum = 0, defined = 0;
    for (let i = 0; i < all.length; i++) {
      const a = all[i];
      if (a === a) { sum += a; defined++; } // NaN (an ignored label) is left out
    }
    meanTrueProb[k] = defined ? sum / defined : NaN;
    for (let j = 0; j < S; j++) trueProb[k * S + j] = all[samples[j]];
    if (!Number.isFinite(ev.loss)) {
      stopped = { step: k, reason: `the loss is ${ev.loss} at step ${k} (an update overflowed, or the backend's gradient was not finite): training stops there` };
      break;
    }
    if (k === N) break;
    const before = k === detailStep ? Float64Array.from(z) : null;
    optimizer.step(z, ev.gz, k, before && delta);
    if (before) {
      detail = { step: k, z: before, yPred: forward(p.reads, before, new Float64Array(z.length), p.layout), grad: Float64Array.from(ev.gz), update: Float64Array.from(delta) };
    }
  }
  return { loss, clipped, trueProb, meanTrueProb, detail, stopped };
}
