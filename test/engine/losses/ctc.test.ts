import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ctcLoss, type CtcOutput } from '../../../src/engine/losses/ctc';

const here = dirname(fileURLToPath(import.meta.url));
const local = resolve(here, '../../conformance/public.jsonl');
const shared = resolve(here, '../../../../shared/conformance/public.jsonl');

interface Case {
  id: string;
  kind: string;
  name: string;
  config: { reduction?: string };
  y_true: number[][];
  y_pred: number[][][];
  sample_weight?: number[] | number[][];
  expect: { value?: number | number[] | number[][]; value_f64?: number | number[] | number[][]; grad?: number[][][]; error?: string };
}

function loadCtcCases(): Case[] {
  const file = existsSync(local) ? local : shared;
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Case)
    .filter((c) => (c.name === 'CTC' || c.name === 'ctc') && c.expect.error === undefined);
}

/** |a - e| <= atol + rtol |e|, elementwise, with the offending index in the message. */
function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, rtol: number, atol: number, what: string): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const err = Math.abs(actual[i] - expected[i]);
    expect(err <= atol + rtol * Math.abs(expected[i]), `${what}[${i}]: ${actual[i]} vs ${expected[i]}`).toBe(true);
  }
}

function run(y: number[][], z: number[][][], opts = { grad: true, lattices: false, float32: false }): CtcOutput {
  return ctcLoss(y.flat(), y.length, y[0]?.length ?? 0, z.flat(2), z[0].length, z[0][0].length, opts);
}

/** Keras's reduction applied by hand: returns the loss output and each sample's gradient coefficient. */
function reduce(v: Float64Array, c: Case): { out: number[]; coef: number[] } {
  const B = v.length;
  const raw = c.sample_weight === undefined ? null : (c.sample_weight as (number | number[])[]).flat();
  const w = Array.from({ length: B }, (_, b) => (raw === null ? 1 : raw.length === 1 ? raw[0] : raw[b]));
  const vw = Array.from(v, (x, b) => x * w[b]);
  const total = vw.reduce((a, x) => a + x, 0);
  const reduction = c.config.reduction ?? 'sum_over_batch_size';
  if (reduction === 'none') return { out: vw, coef: w };
  if (reduction === 'sum') return { out: [total], coef: w };
  if (reduction === 'mean_with_sample_weight') {
    const sumW = raw === null ? B : raw.reduce((a, x) => a + x, 0);
    return { out: [sumW === 0 ? 0 : total / sumW], coef: w.map((x) => (sumW === 0 ? 0 : x / sumW)) };
  }
  return { out: [total / B], coef: w.map((x) => x / B) }; // sum_over_batch_size, mean
}

const flat = (x: number | number[] | number[][] | undefined): number[] => (typeof x === 'number' ? [x] : (x ?? []).flat());

describe('CTC conformance (Keras 3 on JAX)', () => {
  const cases = loadCtcCases();
  it('finds the CTC cases', () => expect(cases.length).toBeGreaterThan(25));

  for (const c of cases.filter((k) => k.kind === 'loss')) {
    it(`CTC ${c.config.reduction ?? 'default'}${c.sample_weight ? ' weighted' : ''} matches Keras: ${c.id}`, () => {
      const o = run(c.y_true, c.y_pred);
      const { out, coef } = reduce(o.perSample, c);
      expectClose(out, flat(c.expect.value_f64), 1e-5, 1e-5, 'value_f64');
      const o32 = run(c.y_true, c.y_pred, { grad: false, lattices: false, float32: true });
      expectClose(reduce(o32.perSample, c).out, flat(c.expect.value), 1e-4, 1e-6, 'value');
      if (c.expect.grad) {
        const TC = c.y_pred[0].length * c.y_pred[0][0].length;
        const scaled = Array.from(o.grad!, (g, i) => g * coef[Math.floor(i / TC)]);
        expectClose(scaled, c.expect.grad.flat(2), 1e-4, 5e-6, 'grad');
      }
    });
  }

  for (const c of cases.filter((k) => k.kind === 'function')) {
    it(`ctc function matches Keras: ${c.id}`, () => {
      expectClose(run(c.y_true, c.y_pred).perSample, flat(c.expect.value_f64), 1e-5, 1e-5, 'value_f64');
      const o32 = run(c.y_true, c.y_pred, { grad: false, lattices: false, float32: true });
      expectClose(o32.perSample, flat(c.expect.value), 1e-4, 1e-6, 'value');
    });
  }
});

describe('ctc', () => {
  // Spec §11 example: three samples, including a repeated label and an empty one.
  const specY = [[1, 2, 0], [1, 1, 0], [0, 0, 0]];
  const specZ = [
    [[0.5, 1.0, -0.3], [0.1, 0.2, 1.5], [1.2, -0.4, 0.3], [0.0, 0.8, 0.6]],
    [[1.0, 0.2, 0.1], [-0.5, 1.5, 0.3], [0.4, 0.4, 0.4], [0.9, 1.1, -1.0]],
    [[0.3, -0.2, 0.1], [0, 0, 0], [2.0, 0.5, -0.5], [0.1, 0.3, 0.2]],
  ];

  it('ctc correctness matches the Keras doc-table example', () => {
    const o = run(specY, specZ);
    expectClose(o.perSample, [1.6624451, 2.2596307, 3.4528625], 1e-6, 1e-6, 'value');
    expectClose(o.grad!.slice(0, 3), [0.1847709, -0.3298069, 0.1450361], 1e-5, 1e-6, 'grad[0,0]');
    const o32 = run(specY, specZ, { grad: false, lattices: false, float32: true });
    expectClose(o32.perSample, [1.6624451, 2.2596307, 3.4528625], 1e-6, 1e-6, 'float32 value');
    expect(o32.grad).toBeNull();
    expect(o32.lattices).toBeNull();
  });

  it('empty label gives minus the summed blank log-probabilities', () => {
    const z = specZ[2];
    const expected = -z.reduce((a, row) => a + row[0] - Math.log(row.reduce((s, x) => s + Math.exp(x), 0)), 0);
    expect(run([[0, 0]], [z]).perSample[0]).toBeCloseTo(expected, 12);
  });

  it('ctc gradient matches central finite differences', () => {
    let seed = 7;
    const rnd = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 4 - 2;
    const labelSets = [[1, 2, 0], [2, 2, 0], [0, 0, 0], [1, 1, 1], [3, 1, 3], [2, 0, 0], [1, 0, 2]];
    const T = 5, C = 4, h = 1e-5;
    const z = labelSets.map(() => Array.from({ length: T }, () => Array.from({ length: C }, rnd)));
    const o = run(labelSets, z);
    const zf = z.flat(2);
    const value = (zz: number[]): number =>
      ctcLoss(labelSets.flat(), labelSets.length, 3, zz, T, C, { grad: false, lattices: false, float32: false })
        .perSample.reduce((a, x) => a + x, 0);
    for (let i = 0; i < zf.length; i++) {
      const up = zf.slice(), dn = zf.slice();
      up[i] += h;
      dn[i] -= h;
      const fd = (value(up) - value(dn)) / (2 * h);
      expect(Math.abs(fd - o.grad![i]), `grad[${i}]`).toBeLessThan(1e-6);
    }
  });

  it('ctc gradient matches finite differences on the penalised graph (infeasible label)', () => {
    const y = [1, 1, 2], T = 3, C = 3, h = 1e-4; // needs 4 steps
    const z = specZ[0].slice(0, T).flat();
    const value = (zz: number[]): number => ctcLoss(y, 1, 3, zz, T, C, { grad: false, lattices: false, float32: false }).perSample[0];
    const g = ctcLoss(y, 1, 3, z, T, C, { grad: true, lattices: false, float32: false }).grad!;
    for (let i = 0; i < z.length; i++) {
      const up = z.slice(), dn = z.slice();
      up[i] += h;
      dn[i] -= h;
      expect(Math.abs((value(up) - value(dn)) / (2 * h) - g[i]), `grad[${i}]`).toBeLessThan(1e-6);
    }
  });

  it('lattice invariants: occupancy sums to 1 and LSE(alpha + beta) = log P at every t', () => {
    const o = run(specY, specZ, { grad: true, lattices: true, float32: false });
    o.lattices!.forEach((lat, b) => {
      const S = lat.extended.length, T = 4;
      expect(S).toBe(2 * lat.labels.length + 1);
      expect(lat.logP).toBeCloseTo(-o.perSample[b], 12);
      for (let t = 0; t < T; t++) {
        let occ = 0, m = -Infinity;
        for (let s = 0; s < S; s++) m = Math.max(m, lat.logAlpha[t * S + s] + lat.logBeta[t * S + s]);
        let sum = 0;
        for (let s = 0; s < S; s++) {
          occ += lat.occupancy[t * S + s];
          sum += Math.exp(lat.logAlpha[t * S + s] + lat.logBeta[t * S + s] - m);
        }
        expect(occ).toBeCloseTo(1, 12);
        expect(m + Math.log(sum)).toBeCloseTo(lat.logP, 10);
      }
      // Best path: starts in state 0 or 1, moves by 0, 1 or 2, ends in one of the final states.
      expect(lat.bestPath).toHaveLength(T);
      expect(lat.bestPath[0]).toBeLessThanOrEqual(1);
      expect(lat.bestPath[T - 1]).toBeGreaterThanOrEqual(Math.max(0, S - 2));
      for (let t = 1; t < T; t++) expect([0, 1, 2]).toContain(lat.bestPath[t] - lat.bestPath[t - 1]);
      expect(lat.feasible).toBe(true);
    });
    expect(o.lattices![0].extended).toEqual([0, 1, 0, 2, 0]);
    expect(o.lattices![2].labels).toEqual([]);
  });

  it('infeasible label gives a finite ~1e5 value (Keras-on-JAX) and is reported', () => {
    // [1,1,2] needs 4 steps; T = 3. [1,2] is feasible in the same batch.
    const z = [specZ[0].slice(0, 3), specZ[1].slice(0, 3)];
    const o = run([[1, 1, 2], [1, 2, 0]], z, { grad: true, lattices: true, float32: false });
    expect(o.infeasible).toEqual([0]);
    expect(o.lattices![0].feasible).toBe(false);
    expect(o.perSample[0]).toBeGreaterThan(0.99e5);
    expect(o.perSample[0]).toBeLessThan(1.0001e5);
    expect(o.perSample[1]).toBeLessThan(10);
    expect(o.grad!.every(Number.isFinite)).toBe(true);
    const occ0 = o.lattices![0].occupancy;
    for (let t = 0; t < 3; t++) expect(occ0.slice(t * 7, t * 7 + 7).reduce((a, x) => a + x, 0)).toBeCloseTo(1, 9);
    const o32 = run([[1, 1, 2]], [z[0]], { grad: false, lattices: false, float32: true });
    expect(Math.abs(o32.perSample[0] - o.perSample[0])).toBeLessThan(0.1);
  });

  it('interior 0 truncates the label and is read as an emission of class 0', () => {
    // Row [1,0,2]: two non-zeros, so the label is the first two entries [1, 0].
    const o = run([[1, 0, 2]], [specZ[0]], { grad: false, lattices: true, float32: false });
    expect(o.lattices![0].labels).toEqual([1, 0]);
    expect(o.lattices![0].extended).toEqual([0, 1, 0, 0, 0]);
  });

  it('rejects labels outside [0, C) and non-integers', () => {
    const z = [specZ[0]];
    expect(() => run([[3, 0]], z)).toThrow(/y_true\[0\]\[0\]/);
    expect(() => run([[-1, 0]], z)).toThrow(Error);
    expect(() => run([[1.5, 0]], z)).toThrow(Error);
  });
});
