/**
 * Training parameters checked before any work: each bad value is an EngineError naming its field
 * (`train.steps`, `train.learning_rate`, `train.compare.optimizer`, ...).
 */
import { EngineError } from '../errors';
import type { TrainCompare, TrainOptimizer, TrainParams } from './types';

export const MAX_STEPS = 1000;

/** Keras's defaults (keras/src/optimizers/sgd.py and adam.py). */
const DEFAULT_LR: Record<TrainOptimizer, number> = { sgd: 0.01, adam: 0.001 };

export interface OptimizerSettings {
  name: TrainOptimizer;
  learning_rate: number;
  beta_1: number;
  beta_2: number;
  epsilon: number;
}

export interface CheckedParams {
  steps: number;
  optimizer: OptimizerSettings;
  samples: number[] | undefined;
  detailStep: number | null;
  compare: (TrainCompare & { optimizerSettings: OptimizerSettings }) | null;
  reference: boolean;
}

const show = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : String(v));

function fail(field: string, expected: string, v: unknown): never {
  throw new EngineError(`train.${field}: expected ${expected}, received ${show(v)}.`, `train.${field}`);
}

function optimizerName(v: unknown, field: string): TrainOptimizer {
  if (v === undefined) return 'sgd';
  if (v === 'sgd' || v === 'adam') return v;
  return fail(field, 'one of "sgd", "adam"', v);
}

function finite(v: unknown, field: string, ok: (x: number) => boolean, expected: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || !ok(v)) fail(field, expected, v);
  return v as number;
}

function settings(p: TrainParams, name: TrainOptimizer, lr: unknown, prefix: string): OptimizerSettings {
  const learning_rate = lr === undefined ? DEFAULT_LR[name]
    : finite(lr, `${prefix}learning_rate`, (x) => x > 0, 'a positive finite number');
  const unit = (v: unknown, key: string, dflt: number): number =>
    v === undefined ? dflt : finite(v, key, (x) => x >= 0 && x < 1, 'a number in [0, 1)');
  return {
    name, learning_rate,
    beta_1: unit(p.beta_1, 'beta_1', 0.9),
    beta_2: unit(p.beta_2, 'beta_2', 0.999),
    epsilon: p.epsilon === undefined ? 1e-7 : finite(p.epsilon, 'epsilon', (x) => x >= 0, 'a finite number >= 0'),
  };
}

export function checkParams(p: TrainParams): CheckedParams {
  if (p === null || typeof p !== 'object') throw new EngineError('train: expected an object of training parameters.', 'train');
  const steps = p.steps;
  if (typeof steps !== 'number' || !Number.isInteger(steps) || steps < 1 || steps > MAX_STEPS) {
    fail('steps', `an integer from 1 to ${MAX_STEPS}`, steps);
  }
  const optimizer = settings(p, optimizerName(p.optimizer, 'optimizer'), p.learning_rate, '');
  if (p.samples !== undefined && (!Array.isArray(p.samples) || !p.samples.every((s) => Number.isInteger(s)))) {
    fail('samples', 'a list of integer sample indices', p.samples);
  }
  const detailStep = p.detailStep ?? null;
  if (detailStep !== null && !(Number.isInteger(detailStep) && detailStep >= 0 && detailStep < steps)) {
    fail('detailStep', `an integer from 0 to ${steps - 1} (the update from z_k to z_k+1)`, detailStep);
  }
  if (p.path !== undefined && p.path !== 'auto' && p.path !== 'reference') fail('path', '"auto" or "reference"', p.path);
  let compare: CheckedParams['compare'] = null;
  if (p.compare != null) {
    const c = p.compare;
    if (typeof c !== 'object' || Array.isArray(c)) fail('compare', 'an object such as { config: { label_smoothing: 0.1 } }', c);
    if (c.config !== undefined && (c.config === null || typeof c.config !== 'object' || Array.isArray(c.config))) {
      fail('compare.config', 'an object of Keras kwargs', c.config);
    }
    if (c.name !== undefined && typeof c.name !== 'string') fail('compare.name', 'a Keras loss name', c.name);
    const name = c.optimizer === undefined ? optimizer.name : optimizerName(c.optimizer, 'compare.optimizer');
    const lr = c.learning_rate ?? (c.optimizer === undefined || name === optimizer.name ? optimizer.learning_rate : undefined);
    compare = { ...c, optimizerSettings: settings(p, name, lr, 'compare.') };
  }
  return { steps, optimizer, samples: p.samples, detailStep, compare, reference: p.path === 'reference' };
}
