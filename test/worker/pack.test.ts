import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { caseToRequest, type Case } from '../../src/cli/cases';
import { evaluate, toErrorInfo } from '../../src/engine/index';
import type { EngineRequest, EvalOptions } from '../../src/engine/types';
import { packExtras, packItems, packRequest, packTensor, PACK_MIN_ENTRIES } from '../../src/worker/pack';

const cases: Case[] = ['docs.jsonl', 'public.jsonl'].flatMap((f) =>
  readFileSync(new URL(`../conformance/${f}`, import.meta.url), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Case));

/** The engine's answer, or its error as data. */
function outcome(req: EngineRequest, opts: EvalOptions): unknown {
  try {
    return evaluate(req, opts);
  } catch (e) {
    return { error: toErrorInfo(e) };
  }
}

const big = (n: number) => Array.from({ length: n }, (_, i) => [i % 3, (i + 1) % 3]);

describe('packing tensors for the worker', () => {
  it.each(['float64', 'float32'] as const)('gives the engine the same numbers and the same errors for every conformance case (%s)', (dtype) => {
    for (const c of cases) {
      const req = caseToRequest(c);
      const opts: EvalOptions = { dtype, semantics: c.semantics === 'tf_keras2' ? 'tf_keras2' : 'keras3', grad: c.kind === 'loss', steps: true };
      expect(outcome(packRequest(req, 1), opts), `case ${c.id}`).toEqual(outcome(req, opts));
    }
  });

  it('packs a clean list into a row-major Float64Array, once per list', () => {
    const v = big(PACK_MIN_ENTRIES);
    const t = packTensor(v);
    expect(t).toEqual({ shape: [PACK_MIN_ENTRIES, 2], data: Float64Array.from(v.flat()) });
    expect(packTensor(v)).toBe(t);
  });

  it('sends small lists and lists the engine must reject (ragged, strings) as they are', () => {
    const small = [[0.1, 0.9]];
    expect(packTensor(small)).toBe(small);
    const ragged = [...big(PACK_MIN_ENTRIES), [1]];
    expect(packTensor(ragged)).toBe(ragged);
    const text = [...big(PACK_MIN_ENTRIES), ['1', 2]] as unknown as number[][];
    expect(packTensor(text)).toBe(text);
  });

  it('packs lists holding NaN or ±Infinity: the engine computes with them as Keras does', () => {
    const nan = big(PACK_MIN_ENTRIES);
    nan[7][1] = NaN;
    nan[8][0] = -Infinity;
    const t = packTensor(nan) as { shape: number[]; data: Float64Array };
    expect(t.shape).toEqual([PACK_MIN_ENTRIES, 2]);
    expect(Number.isNaN(t.data[15])).toBe(true);
    expect(t.data[16]).toBe(-Infinity);
  });

  it('packs the requests of items and of extras, leaving the caller’s request untouched', () => {
    const req: EngineRequest = { kind: 'loss', name: 'CategoricalCrossentropy', y_true: big(300), y_pred: big(300) };
    const [item] = packItems([{ req }]);
    expect(ArrayBuffer.isView((item.req as { y_pred: { data: unknown } }).y_pred.data)).toBe(true);
    expect(Array.isArray(req.y_pred)).toBe(true);
    const { g } = packExtras({ g: { fn: 'gammaSweep', args: [req, { dtype: 'float32' }, { points: 5 }] } });
    expect(ArrayBuffer.isView((g.args[0] as { y_true: { data: unknown } }).y_true.data)).toBe(true);
    expect(g.args.slice(1)).toEqual([{ dtype: 'float32' }, { points: 5 }]);
  });
});
