import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/index';
import type { EngineResult } from '../../src/engine/types';
import { defaultDoc, type ExampleDoc } from '../../src/document/document';
import { docToRequest } from '../../src/document/request';
import { firstNonFiniteStep, nonFiniteCells, nonFiniteReport } from '../../src/ui/result/nonFinite';

const run = (doc: ExampleDoc): EngineResult => {
  const { req, opts } = docToRequest(doc);
  return evaluate(req, opts);
};

describe('where a NaN comes from', () => {
  it('lists the non-finite input cells by field and index, metric updates included', () => {
    expect(nonFiniteCells({ ...defaultDoc(), y_pred: [[0.1, NaN, 0.9], [0.2, 0.3, -Infinity]], sample_weight: [Infinity, 1] })).toEqual([
      { field: 'y_pred', index: [0, 1], value: NaN }, { field: 'y_pred', index: [1, 2], value: -Infinity },
      { field: 'sample_weight', index: [0], value: Infinity },
    ]);
    const metric: ExampleDoc = { ...defaultDoc(), kind: 'metric', name: 'BinaryCrossentropy', updates: [
      { y_true: [0, 1], y_pred: [0.5, 0.5], sample_weight: null }, { y_true: [0, 1], y_pred: [NaN, 0.5], sample_weight: null }] };
    expect(nonFiniteCells(metric)).toEqual([{ field: 'updates.1.y_pred', index: [0], value: NaN }]);
  });

  it('finds the first step whose tensor holds a non-finite value, with its index', () => {
    const s = (name: string, shape: number[], data: number[]) => ({ name, label: '', tensor: { shape, data: Float64Array.from(data) } });
    expect(firstNonFiniteStep([s('one_hot', [2], [0, 1]), s('log_p', [1, 2], [-1, -Infinity]), s('per_sample', [1], [NaN])]))
      .toEqual({ name: 'log_p', index: [0, 1], value: -Infinity });
    expect(firstNonFiniteStep([s('a', [1], [0])])).toBeNull();
  });

  it('a NaN in y_pred: the report names the cell and the step, from the engine’s own steps', () => {
    const doc: ExampleDoc = { ...defaultDoc(), name: 'BinaryCrossentropy', y_true: [[0, 1]], y_pred: [[0.6, NaN]] };
    const r = run(doc);
    const report = nonFiniteReport(doc, r)!;
    expect(report.cells).toBe('y_pred[0, 1] is nan');
    expect(report.step).toMatchObject({ index: [0, 1] });
    expect(r.kind !== 'metric' && r.steps!.some((x) => x.name === report.step!.name)).toBe(true);
  });

  it('no report for a finite result; "No input is NaN or infinite" when the inputs are all finite', () => {
    expect(nonFiniteReport(defaultDoc(), run(defaultDoc()))).toBeNull();
    const fake = { ...run(defaultDoc()), value: { shape: [], data: Float64Array.from([Infinity]) } } as EngineResult;
    expect(nonFiniteReport(defaultDoc(), fake)?.cells).toBe('No input is NaN or infinite');
  });

  it('many non-finite cells: the first three, then how many more', () => {
    const doc: ExampleDoc = { ...defaultDoc(), name: 'BinaryCrossentropy', y_true: [[0, 1]], y_pred: [[NaN, NaN, NaN, NaN, NaN]] };
    const fake = { ...run(defaultDoc()), value: { shape: [], data: Float64Array.from([NaN]) } } as EngineResult;
    expect(nonFiniteReport(doc, fake)?.cells).toBe('y_pred[0, 0] is nan, y_pred[0, 1] is nan, y_pred[0, 2] is nan and 2 more non-finite inputs');
  });
});
