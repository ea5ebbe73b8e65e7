/**
 * Training bench (issue 15): 1,000 plain SGD steps on the logits behind a CategoricalCrossentropy
 * example (probabilities y_pred = softmax(z), Keras 3 float32, sum_over_batch_size), at 64 x 10
 * and 1,000 x 10, with the loss read back after every step as the training chart needs it:
 * - engine: trainRun, the fused loop (fusedSoftmax.ts), everything it records included;
 * - engine-ref: trainRun with path 'reference' (evaluateLoss with its gradient per step);
 * - tfjs-wasm, tfjs-cpu: a tf.variable of logits and tf.train.sgd minimising the same loss
 *   (softmax, renormalise, clip, −Σ y·log, mean: bench/tfjsLosses.ts), cost read with dataSync.
 * Every implementation starts from the same logits with the same learning rate.
 */
import * as tf from '@tensorflow/tfjs-core';
import { trainRun, type LossRequest } from '../src/engine/index';
import { perSampleFn } from './tfjsLosses';
import { makeInputs, medianMs, type TimingPlan } from './timing';
import type { Row } from './report';

const STEPS = 1000;
const LR = 0.5;

function example(rows: number, cols: number): { req: LossRequest; logits: Float32Array; yTrue: Float32Array } {
  const { yTrue, yPred } = makeInputs('categorical_crossentropy', false, rows, cols, rows + cols);
  // Rows renormalised so the engine starts from exactly these probabilities (logits = log p).
  const p = Float64Array.from(yPred);
  for (let o = 0; o < p.length; o += cols) {
    let s = 0;
    for (let j = o; j < o + cols; j++) s += p[j];
    for (let j = o; j < o + cols; j++) p[j] /= s;
  }
  const req: LossRequest = {
    kind: 'loss', name: 'CategoricalCrossentropy',
    y_true: { shape: [rows, cols], data: Float64Array.from(yTrue) }, y_pred: { shape: [rows, cols], data: p },
  };
  return { req, logits: Float32Array.from(p, Math.log), yTrue };
}

function tfjsRunner(rows: number, cols: number, logits: Float32Array, yTrue: Float32Array): { run: () => void; dispose: () => void } {
  const y = tf.tensor(yTrue, [rows, cols]);
  const perSample = perSampleFn('categorical_crossentropy', false, y, cols);
  return {
    run: () => {
      const z = tf.variable(tf.tensor(logits, [rows, cols]));
      const opt = tf.train.sgd(LR);
      for (let k = 0; k < STEPS; k++) {
        const cost = opt.minimize(() => tf.mean(perSample(tf.softmax(z))) as tf.Scalar, true)!;
        cost.dataSync();
        cost.dispose();
      }
      z.dispose();
      opt.dispose();
    },
    dispose: () => y.dispose(),
  };
}

/**
 * medianMs, plus the median CPU time of the same calls (process.cpuUsage): on a machine shared
 * with other jobs the wall time includes waiting for a core, the CPU time does not (no run here
 * uses threads: tfjs-wasm has none in Node).
 */
function timed(run: () => void, plan: TimingPlan): { median: number; reps: number; cpu: number } {
  const cpu: number[] = [];
  const { median, reps } = medianMs(() => {
    const t = process.cpuUsage();
    run();
    const d = process.cpuUsage(t);
    cpu.push((d.user + d.system) / 1000);
  }, plan);
  const last = cpu.slice(-reps).sort((a, b) => a - b);
  return { median, reps, cpu: last[last.length >> 1] };
}

export async function trainingRows(opts: { quick: boolean; impls: string[]; log: (m: string) => void }): Promise<Row[]> {
  const rows: Row[] = [];
  const plan = { warmup: 1, minReps: opts.quick ? 3 : 5, maxReps: opts.quick ? 5 : 11, budgetMs: opts.quick ? 1500 : 4000 };
  for (const [n, c] of [[64, 10], [1_000, 10]] as const) {
    const { req, logits, yTrue } = example(n, c);
    const push = (impl: string, t: { median: number; reps: number; cpu: number }, note: string): void => {
      rows.push({
        kind: 'training', loss: 'categorical_crossentropy', from_logits: false, shape: [n, c], impl, median_ms: t.median,
        ns_per_element: (t.median * 1e6) / (n * c * STEPS), reps: t.reps, note: `cpu ${t.cpu.toFixed(1)} ms; ${note}`,
      });
      opts.log(`  training ${STEPS} SGD steps [${n}, ${c}] ${impl}: ${t.median.toFixed(1)} ms (cpu ${t.cpu.toFixed(1)} ms)`);
    };
    for (const path of ['auto', 'reference'] as const) {
      const impl = path === 'auto' ? 'engine' : 'engine-ref';
      let used = '';
      const t = timed(() => { used = trainRun(req, { dtype: 'float32' }, { steps: STEPS, learning_rate: LR, path }).main.path; }, plan);
      push(impl, t, `trainRun, ${used} path, float32, all records`);
    }
    for (const impl of (['tfjs-wasm', 'tfjs-cpu'] as const).filter((i) => opts.impls.includes(i))) {
      await tf.setBackend(impl === 'tfjs-wasm' ? 'wasm' : 'cpu');
      const { run, dispose } = tfjsRunner(n, c, logits, yTrue);
      // tfjs-cpu takes tens of seconds at 1,000 x 10: timed once, its code warmed at 64 x 10.
      const t = timed(run, impl === 'tfjs-cpu' && n > 64 ? { ...plan, warmup: 0, minReps: 1, maxReps: 1 } : plan);
      dispose();
      push(impl, t, 'tf.train.sgd, loss read every step');
    }
  }
  return rows;
}
