/**
 * Bench plumbing: seeded inputs of the right kind per loss, a median timer with warm-up and a
 * time budget, and the machine description printed with the results.
 */
import { readFileSync } from 'node:fs';
import type { KernelFn } from '../src/engine/accelerate';

/** xorshift32 in [0, 1): fast enough to fill 10 M entries in a few tens of ms. */
export function uniform(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

export interface Inputs {
  yTrue: Float32Array;
  yPred: Float32Array;
}

/** Labels and predictions of the kind each loss takes; one-hot / 0-1 / integer labels as Keras users pass them. */
export function makeInputs(fn: KernelFn, logits: boolean, rows: number, cols: number, seed: number): Inputs {
  const next = uniform(seed);
  const n = rows * cols;
  const yPred = new Float32Array(n);
  const sparse = fn === 'sparse_categorical_crossentropy';
  const yTrue = new Float32Array(sparse ? rows : n);
  for (let i = 0; i < n; i++) {
    if (logits) yPred[i] = (next() - 0.5) * 8;
    else if (fn === 'poisson') yPred[i] = next() * 3;
    else yPred[i] = 0.001 + next() * 0.998;
  }
  if (sparse) {
    for (let i = 0; i < rows; i++) yTrue[i] = Math.floor(next() * cols);
  } else if (fn === 'categorical_crossentropy' || fn === 'categorical_focal_crossentropy') {
    for (let i = 0; i < rows; i++) yTrue[i * cols + Math.floor(next() * cols)] = 1;
  } else if (fn === 'kl_divergence') {
    for (let i = 0; i < n; i++) yTrue[i] = next();
  } else if (fn === 'poisson') {
    for (let i = 0; i < n; i++) yTrue[i] = Math.floor(next() * 4);
  } else {
    for (let i = 0; i < n; i++) yTrue[i] = next() < 0.5 ? 0 : 1;
  }
  return { yTrue, yPred };
}

export interface TimingPlan {
  /** Warm-up calls (0 when this code path was already warmed at a smaller shape). */
  warmup: number;
  /** Keep warming up until this much time has passed (JIT tiers need calls and time). */
  warmupMs?: number;
  minReps: number;
  maxReps: number;
  /** Stop adding repetitions once this much time went into measured calls (after minReps). */
  budgetMs: number;
}

/** Median wall time of `run` in ms; calls slower than the budget are measured once. */
export function medianMs(run: () => void, plan: TimingPlan): { median: number; reps: number } {
  const warmStart = performance.now();
  for (let i = 0; i < plan.warmup || (plan.warmup > 0 && performance.now() - warmStart < (plan.warmupMs ?? 0)); i++) {
    const t = performance.now();
    run();
    if (performance.now() - t > plan.budgetMs) break;
  }
  const times: number[] = [];
  let spent = 0;
  while (times.length < plan.maxReps && (times.length < plan.minReps || spent < plan.budgetMs)) {
    const t = performance.now();
    run();
    const dt = performance.now() - t;
    times.push(dt);
    spent += dt;
    if (dt > plan.budgetMs) break;
  }
  times.sort((a, b) => a - b);
  const mid = times.length >> 1;
  const median = times.length % 2 === 1 ? times[mid] : (times[mid - 1] + times[mid]) / 2;
  return { median, reps: times.length };
}

/** Median per-call time in ms of a fast call, timed in batches so the clock's resolution does not matter. */
export function medianBatchedMs(run: () => void, batch: number, batches: number): number {
  for (let i = 0; i < batch * 3; i++) run();
  const per: number[] = [];
  for (let b = 0; b < batches; b++) {
    const t = performance.now();
    for (let i = 0; i < batch; i++) run();
    per.push((performance.now() - t) / batch);
  }
  per.sort((a, b) => a - b);
  return per[per.length >> 1];
}

export function machine(): string {
  let cpu = 'unknown CPU';
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'));
    if (line !== undefined) cpu = line.split(':')[1].trim();
  } catch {
    // not Linux: leave it unknown
  }
  return `${cpu}, Node ${process.version}, ${process.platform}-${process.arch}`;
}
