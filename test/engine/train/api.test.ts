/**
 * The training API around the loop: Keras's Adam update, parameter checks that name the field,
 * the starting logits, the compare setting and the explain step, and one worker message.
 */
import { describe, expect, it } from 'vitest';
import * as engine from '../../../src/engine/index';
import { EngineError, evaluateLoss, trainRun, trainStep, type LossRequest, type TrainParams } from '../../../src/engine/index';
import { runJob } from '../../../src/worker/runJob';
import { collectTransferables } from '../../../src/worker/transfer';

const f64 = { dtype: 'float64' as const };
const cce: LossRequest = { kind: 'loss', name: 'CategoricalCrossentropy', config: { from_logits: true }, y_true: [[1, 0]], y_pred: [[1, 2]] };

function softmax(z: number[]): number[] {
  const m = Math.max(...z), e = z.map((v) => Math.exp(v - m)), s = e.reduce((a, b) => a + b);
  return e.map((v) => v / s);
}

function engineError(f: () => unknown): EngineError {
  try {
    f();
  } catch (e) {
    if (e instanceof EngineError) return e;
    throw e;
  }
  throw new Error('expected an EngineError');
}

describe('Adam follows keras.optimizers.Adam', () => {
  it('first three updates of a one-sample softmax, computed by hand', () => {
    // Keras: alpha = lr·sqrt(1 − β2^t)/(1 − β1^t); m += (g − m)(1 − β1); v += (g² − v)(1 − β2); z −= m·alpha/(sqrt(v) + ε).
    const lr = 0.001, b1 = 0.9, b2 = 0.999, eps = 1e-7;
    let z = [1, 2], m = [0, 0], v = [0, 0];
    for (let k = 0; k < 3; k++) {
      const g = softmax(z).map((p, j) => p - [1, 0][j]);
      const t = k + 1, alpha = (lr * Math.sqrt(1 - b2 ** t)) / (1 - b1 ** t);
      m = m.map((mi, j) => mi + (g[j] - mi) * (1 - b1));
      v = v.map((vi, j) => vi + (g[j] ** 2 - vi) * (1 - b2));
      const update = m.map((mi, j) => -(mi * alpha) / (Math.sqrt(v[j]) + eps));
      const d = trainStep(cce, f64, { steps: 3, optimizer: 'adam' }, k);
      expect(Array.from(d.z)).toEqual(z.map((x) => expect.closeTo(x, 15)));
      expect(Array.from(d.grad)).toEqual(g.map((x) => expect.closeTo(x, 15)));
      expect(Array.from(d.update)).toEqual(update.map((x) => expect.closeTo(x, 15)));
      z = z.map((x, j) => x + update[j]);
    }
    // The first Adam step moves each logit by about lr, whatever the gradient's size.
    const first = trainStep(cce, f64, { steps: 1, optimizer: 'adam' }, 0).update;
    expect(first[0]).toBeCloseTo(0.001, 6);
    expect(first[1]).toBeCloseTo(-0.001, 6);
  });

  it('defaults to Keras: learning_rate 0.001, beta_1 0.9, beta_2 0.999, epsilon 1e-7 (SGD: 0.01)', () => {
    expect(trainRun(cce, f64, { steps: 1, optimizer: 'adam' }).main.optimizer).toEqual({ name: 'adam', learning_rate: 0.001, beta_1: 0.9, beta_2: 0.999, epsilon: 1e-7 });
    expect(trainRun(cce, f64, { steps: 1 }).main.optimizer).toEqual({ name: 'sgd', learning_rate: 0.01 });
  });
});

describe('bad training parameters name the field', () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ steps: 0 }, 'train.steps'], [{ steps: 1001 }, 'train.steps'], [{ steps: 2.5 }, 'train.steps'], [{ steps: '10' }, 'train.steps'],
    [{ steps: 5, learning_rate: -0.1 }, 'train.learning_rate'], [{ steps: 5, learning_rate: Number.NaN }, 'train.learning_rate'],
    [{ steps: 5, optimizer: 'rmsprop' }, 'train.optimizer'], [{ steps: 5, optimizer: 'adam', beta_1: 1 }, 'train.beta_1'],
    [{ steps: 5, detailStep: 5 }, 'train.detailStep'], [{ steps: 5, samples: [0.5] }, 'train.samples'],
    [{ steps: 5, compare: { optimizer: 'lbfgs' } }, 'train.compare.optimizer'],
    [{ steps: 5, compare: { learning_rate: -1 } }, 'train.compare.learning_rate'],
    [{ steps: 5, compare: { config: { gamma: 2 } } }, 'train.compare.config.gamma'],
  ];
  for (const [params, field] of cases) {
    it(`${JSON.stringify(params)} -> ${field}`, () => {
      const e = engineError(() => trainRun(cce, f64, params as unknown as TrainParams));
      expect(e.field).toBe(field);
      expect(e.message).toContain(field.replace('train.', '').split('.').pop()!);
    });
  }

  it('NumPy has no automatic differentiation: the engine\'s reason, on the kerasBackend field', () => {
    const e = engineError(() => trainRun(cce, { kerasBackend: 'numpy' }, { steps: 3 }));
    expect(e.field).toBe('kerasBackend');
    expect(e.message).toMatch(/NumPy.*no automatic differentiation/);
  });

  it('a probability outside what the loss reads names its index', () => {
    const e = engineError(() => trainRun({ kind: 'loss', name: 'BinaryCrossentropy', y_true: [[1, 0]], y_pred: [[0.5, 1.2]] }, f64, { steps: 3 }));
    expect([e.field, e.index]).toEqual(['y_pred', [0, 1]]);
    expect(e.message).toMatch(/from_logits=True/);
  });
});

describe('the starting logits', () => {
  it('probabilities of exactly 0 and 1 start at ε from the edge, where Keras already clips them, and say so', () => {
    const r: LossRequest = { kind: 'loss', name: 'BinaryCrossentropy', y_true: [[1, 1]], y_pred: [[0, 1]] };
    const t = trainRun(r, f64, { steps: 2 }).main;
    expect(t.warnings.map((w) => w.code)).toContain('train_start_clamped');
    expect(t.loss[0]).toBeCloseTo(evaluateLoss(r, f64).value.data[0], 9);
  });

  it('softmax rows start from y_pred / Σ y_pred; logits start as they are', () => {
    const r: LossRequest = { kind: 'loss', name: 'CategoricalCrossentropy', y_true: [[0, 1]], y_pred: [[1, 3]] };
    const t = trainRun(r, f64, { steps: 1, detailStep: 0 }).main;
    expect(Array.from(t.detail!.yPred)).toEqual([expect.closeTo(0.25, 15), expect.closeTo(0.75, 15)]);
    expect(t.warnings.map((w) => w.code)).toContain('train_start_renormalised');
    expect(Array.from(trainStep(cce, f64, { steps: 1 }, 0).z)).toEqual([1, 2]);
  });
});

describe('compare, explain step and the worker', () => {
  const smoothed: TrainParams = { steps: 30, learning_rate: 2, compare: { config: { label_smoothing: 0.1 } }, detailStep: 7 };

  it('the compare setting starts from the same logits and ends elsewhere', () => {
    const run = trainRun({ ...cce, config: {} , y_pred: [[0.6, 0.4]] }, f64, smoothed);
    expect(run.compare!.label).toBe('label_smoothing=0.1');
    expect(run.compare!.config.label_smoothing).toBe(0.1);
    expect(run.compare!.trueProb[0]).toBe(run.main.trueProb[0]);
    expect(run.compare!.finalLogits[0]).not.toBe(run.main.finalLogits[0]);
    expect(run.compare!.detail).toBeNull();
    // Another loss and optimizer: a focal counterpart trained with Adam.
    const focal = trainRun({ ...cce, config: {} }, f64, { steps: 5, compare: { name: 'CategoricalFocalCrossentropy', config: { gamma: 2 }, optimizer: 'adam' } });
    expect([focal.compare!.name, focal.compare!.optimizer.name, focal.compare!.optimizer.learning_rate]).toEqual(['CategoricalFocalCrossentropy', 'adam', 0.001]);
  });

  it('a compare setting that reads y_pred another way starts from the same logits (from_logits on / off)', () => {
    const logits: LossRequest = { kind: 'loss', name: 'BinaryCrossentropy', config: { from_logits: true }, y_true: [[1, 0]], y_pred: [[-3, 2]] };
    const run = trainRun(logits, { dtype: 'float64', kerasBackend: 'torch' }, { steps: 3, compare: { config: { from_logits: false } } });
    expect(run.compare!.reads).toBe('sigmoid');
    expect(run.compare!.loss[0]).toBeCloseTo(run.main.loss[0], 6);
    expect(run.compare!.trueProb[0]).toBe(run.main.trueProb[0]);
  });

  it('trainStep(k) is step k of the run: the gradient the engine gives at z_k and the update made', () => {
    const run = trainRun(cce, f64, { steps: 10, learning_rate: 0.3, detailStep: 7 }).main;
    const d = trainStep(cce, f64, { steps: 10, learning_rate: 0.3 }, 7);
    expect(d).toEqual(run.detail);
    const g = evaluateLoss({ ...cce, y_pred: { shape: [1, 2], data: d.z } }, f64).grad!.data;
    expect(Array.from(d.grad)).toEqual(Array.from(g, (x) => expect.closeTo(x, 15)));
    expect(Array.from(d.update)).toEqual(Array.from(g, (x) => expect.closeTo(-0.3 * x, 15)));
  });

  it('one worker message carries both runs, every array transferable', async () => {
    const out = await runJob(engine, [], { train: { fn: 'trainRun', args: [cce, f64, smoothed] } }, { isStale: () => false, yieldNow: async () => {} });
    const value = out!.extras.train;
    expect(value.ok).toBe(true);
    const run = (value as { value: engine.TrainRun }).value;
    expect(run.main.loss.length).toBe(31);
    expect(run.compare!.loss.length).toBe(31);
    expect(collectTransferables(run).length).toBeGreaterThanOrEqual(16);
  });
});
