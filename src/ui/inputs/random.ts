/**
 * A random but valid example for a family, reproducible from a seed (mulberry32): labels and
 * predictions of the right shape and kind, with short decimals so the grid stays readable.
 */
import type { Nested } from '../../engine/types';
import type { FamilyId } from '../common/lossInfo';

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface RandomSpec {
  family: FamilyId;
  batch: number;
  classes: number;
  /** CTC time steps. Defaults to 2 × classes. */
  time?: number;
  fromLogits?: boolean;
  seed: number;
}

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/** Probabilities of one row, rounded to 2 decimals, every entry ≥ 0.01 and summing to exactly 1. */
function probRow(rand: () => number, c: number, peak: number): number[] {
  const raw = Array.from({ length: c }, (_, k) => rand() + (k === peak ? 1.5 * rand() : 0) + 0.05);
  const s = raw.reduce((a, b) => a + b, 0);
  const row = raw.map((x) => Math.max(0.01, round(x / s)));
  const fix = round(1 - row.reduce((a, b) => a + b, 0) + row[peak]);
  row[peak] = fix > 0 ? fix : row[peak];
  return row.map((x) => round(x));
}

export function randomExample(spec: RandomSpec): { y_true: Nested; y_pred: Nested } {
  const rand = mulberry32(spec.seed);
  const B = Math.max(1, spec.batch);
  const C = Math.max(spec.family === 'ctc' ? 2 : 1, spec.classes);
  const int = (n: number) => Math.floor(rand() * n);
  const logit = () => round(rand() * 8 - 4);
  switch (spec.family) {
    case 'binary': {
      const y = Array.from({ length: B }, () => Array.from({ length: C }, () => (rand() < 0.5 ? 1 : 0)));
      const p = y.map((r) => r.map((t) => {
        const q = Math.min(0.99, Math.max(0.01, round(t ? 0.35 + 0.6 * rand() : 0.05 + 0.6 * rand())));
        return spec.fromLogits ? round(Math.log(q / (1 - q))) : q;
      }));
      return { y_true: y, y_pred: p };
    }
    case 'categorical':
    case 'sparse':
    case 'kld': {
      const labels = Array.from({ length: B }, () => int(C));
      const p = labels.map((l) => {
        const row = probRow(rand, C, rand() < 0.75 ? l : int(C));
        return spec.fromLogits ? row.map((x) => round(Math.log(x))) : row;
      });
      if (spec.family === 'sparse') return { y_true: labels, y_pred: p };
      if (spec.family === 'kld') return { y_true: labels.map((l) => probRow(rand, C, l)), y_pred: p };
      return { y_true: labels.map((l) => Array.from({ length: C }, (_, k) => (k === l ? 1 : 0))), y_pred: p };
    }
    case 'poisson':
      return {
        y_true: Array.from({ length: B }, () => Array.from({ length: C }, () => int(4))),
        y_pred: Array.from({ length: B }, () => Array.from({ length: C }, () => round(0.1 + 3.5 * rand()))),
      };
    case 'ctc': {
      const T = Math.max(1, spec.time ?? 2 * C);
      const L = Math.max(1, Math.min(3, Math.floor(T / 2)));
      const y = Array.from({ length: B }, () => {
        const len = 1 + int(L);
        return Array.from({ length: L }, (_, k) => (k < len ? 1 + int(C - 1) : 0));
      });
      const z = Array.from({ length: B }, () => Array.from({ length: T }, () => Array.from({ length: C }, logit)));
      return { y_true: y, y_pred: z };
    }
  }
}
