/** The charts' pure data shaping, in Node. */
import { describe, expect, it } from 'vitest';
import { evaluate, gammaSweep, type LossResult } from '../../src/engine/index';
import { defaultDoc } from '../../src/document/document';
import { stepCursor } from '../../src/plots/cursor';
import { contains, extentOf, stickyDomain } from '../../src/plots/domains';
import { curveVariants, deadSpans, defaultSelection, symlogTicks } from '../../src/plots/gradientData';
import { focalJob, notApplicable, sweepRequest } from '../../src/plots/jobs';
import { layoutLegend } from '../../src/plots/legend';
import { broadcastAt, perSampleData, sampleOfLink } from '../../src/plots/perSample';
import { sweepLines, sweepTable, valueAt } from '../../src/plots/sweepData';
import { OKABE_ITO, sampleColour } from '../../src/plots/theme';
import { exactNumber, formatNumber, formatTick } from '../../src/ui/common/format';

describe('format (the one number formatter, shared with the result panel)', () => {
  it('prints float32 like Keras, float64 with 12 digits, tooltips and tables in full, non-finite as NumPy does', () => {
    expect(formatNumber(1.1769392490386963)).toBe('1.1769392');
    expect(formatNumber(1.1769392490386963, 'float64')).toBe('1.17693924904');
    expect(exactNumber(1.1769392490386963)).toBe('1.1769392490386963');
    expect([formatNumber(NaN), formatNumber(Infinity), exactNumber(-Infinity)]).toEqual(['nan', 'inf', '-inf']);
    expect([formatTick(0.5), formatTick(1e-7), formatTick(25000)]).toEqual(['0.5', '1e-7', '3e4']);
  });
});

describe('domains', () => {
  it('keeps the axes while the key stays, recomputes when it changes', () => {
    const a = stickyDomain(null, 'k', [0, 1]);
    expect(stickyDomain(a, 'k', [0, 5]).domain).toEqual([0, 1]);
    expect(stickyDomain(a, 'other', [0, 5]).domain).toEqual([0, 5]);
    expect(contains([0, 1], [0, 1.5])).toBe(false);
  });
  it('takes finite extents with anchors', () => {
    expect(extentOf([1, 2, NaN, Infinity], [0])).toEqual([0, 2.1]);
    expect(extentOf([], [])).toEqual([0, 1]);
    // A NaN reduction line must not poison the axis (the per-sample chart drew no bars at all).
    expect(extentOf([0.755], [0, NaN])).toEqual([0, 0.755 * 1.05]);
  });
});

describe('colours', () => {
  it('gives each sample one Okabe–Ito colour, the same everywhere, from the theme', () => {
    expect(OKABE_ITO[0]).toBe('#0072B2');
    expect(sampleColour(0)).toBe('var(--sample-0)');
    expect(sampleColour(7)).toBe(sampleColour(0));
    expect(new Set([0, 1, 2, 3, 4, 5, 6].map(sampleColour)).size).toBe(7);
  });
});

describe('perSampleData', () => {
  it('shapes bars, weights, per-entry values and the reduction line', () => {
    const r = evaluate({ kind: 'loss', name: 'BinaryCrossentropy', y_true: [[0, 1], [1, 1]], y_pred: [[0.2, 0.7], [0.9, 0.4]], sample_weight: [2, 0] },
      { steps: true }) as LossResult;
    const d = perSampleData(r);
    expect(d.bars.map((b) => b.weight)).toEqual([2, 0]);
    expect(d.entryCount).toBe(2);
    expect(d.bars[0].entries![0]).toBeCloseTo(-Math.log(0.8), 12);
    expect(d.reduced).toEqual({ value: r.value.data[0], label: 'sum_over_batch_size' });
  });
  it('links grid cells to their sample, and broadcasts weights', () => {
    expect(sampleOfLink({ sample: null, cell: { field: 'y_pred', index: [1, 2] } }, [2])).toBe(1);
    expect(sampleOfLink({ sample: null, cell: { field: 'y_pred', index: [1, 2, 0] } }, [2, 3])).toBe(5);
    expect(sampleOfLink({ sample: 4, cell: null }, [9])).toBe(4);
    expect(broadcastAt({ shape: [2, 1], data: Float64Array.of(3, 4) }, [2, 3], 4)).toBe(4);
  });
});

describe('jobs', () => {
  it('sends a whole focal sweep (gamma and alpha) as one job of extras', () => {
    const job = focalJob(defaultDoc(), 12);
    expect(job.items).toEqual([]);
    expect(Object.keys(job.extras!)).toEqual(['gamma', 'alpha']);
    expect(job.extras!.gamma.args[2]).toMatchObject({ points: 101, samples: [0, 1, 2, 3, 4, 5, 6, 7, 12] });
  });
  it('says when a tab does not apply', () => {
    const doc = defaultDoc();
    expect(notApplicable(doc, 'focal')).toBeNull();
    expect(notApplicable({ ...doc, name: 'Poisson' }, 'smoothing')).toMatch(/no label_smoothing/);
    expect(notApplicable(doc, 'ctc')).toMatch(/CTC/);
  });
  it('sweeps a metric as its function on the last update', () => {
    const doc = { ...defaultDoc(), kind: 'metric' as const, name: 'CategoricalCrossentropy', updates: [{ y_true: [[0, 1]], y_pred: [[0.3, 0.7]], sample_weight: null }] };
    expect(sweepRequest(doc).req).toMatchObject({ kind: 'function', name: 'categorical_crossentropy', y_pred: [[0.3, 0.7]] });
  });
});

describe('gradient helpers', () => {
  it('defaults to the label class of row 0', () => {
    expect(defaultSelection(defaultDoc())).toEqual([0, 1]);
    expect(defaultSelection({ ...defaultDoc(), y_true: [[0, 0, 1]], y_pred: [[0.5, 0.3, 0.2]] })).toEqual([0, 2]);
  });
  it('finds where the gradient is exactly zero', () => {
    expect(deadSpans([0, 1, 2, 3, 4], [0, 0, 1, 0, 2])).toEqual([[0, 1], [3, 3]]);
  });
  it('builds compare overlays', () => {
    const doc = { ...defaultDoc(), name: 'CategoricalCrossentropy', y_true: [[0, 1]], y_pred: [[0.4, 0.6]] };
    expect(curveVariants(doc, 'focal').map((v) => v.config)).toEqual([0, 0.5, 2, 5].map((gamma) => ({ alpha: 1, gamma })));
    expect(curveVariants(doc, 'dtype').map((v) => v.dtype)).toEqual(['float32', 'float64']);
  });
  it('picks few signed powers of ten for the symlog axis', () => {
    const t = symlogTicks([-1e8, 10]);
    expect(t).toContain(0);
    expect(t.length).toBeLessThanOrEqual(8);
  });
  it('labels a small gradient domain with more than "0" (a BCE gradient spans about [-0.5, 0])', () => {
    const t = symlogTicks([-0.5, 0]);
    expect(t.length).toBeGreaterThanOrEqual(3);
    expect(t).toContain(-0.4);
  });
});

describe('sweep lines', () => {
  it('draws per-sample lines thin, the reduced loss thick, and tables every point', () => {
    const s = gammaSweep({ kind: 'loss', name: 'BinaryFocalCrossentropy', y_true: [[0, 1]], y_pred: [[0.3, 0.6]] }, {}, { points: 5 });
    const lines = sweepLines(s);
    expect(lines.map((l) => l.label)).toEqual(['sample 0 (apply_class_balancing=False)', 'reduced (apply_class_balancing=False)',
      'sample 0 (apply_class_balancing=True)', 'reduced (apply_class_balancing=True)']);
    expect(lines[1].width).toBeGreaterThan(lines[0].width);
    expect(sweepTable(s, lines, 'c').rows).toHaveLength(5);
    expect(valueAt([0, 1, 2], [0, 10, 30], 1.5)).toBe(20);
  });
  it('wraps legend rows inside the width', () => {
    const { placed, height } = layoutLegend(Array.from({ length: 6 }, (_, i) => ({ label: `a rather long legend entry ${i}`, colour: '#000' })), 400);
    expect(height).toBeGreaterThan(16);
    expect(placed.every((p) => p.x < 400)).toBe(true);
  });
});

describe('ctc lattice shaping', () => {
  it('labels blank states, decodes the best path, and tables every time step', async () => {
    const { ctcLattice } = await import('../../src/engine/index');
    const { decodePath, latticeTable, occupancyCells, stateLabels } = await import('../../src/plots/ctcData');
    const lat = ctcLattice({ kind: 'loss', name: 'CTC', y_true: [[1, 2]], y_pred: [[[0, 3, 0], [0, 0, 3], [3, 0, 0]]] });
    expect(stateLabels(lat.extended)).toEqual(['∅', '1', '∅', '2', '∅']);
    expect(decodePath(lat)).toEqual([1, 2]);
    expect(occupancyCells(lat)).toHaveLength(3 * 5);
    expect(latticeTable(lat).rows).toHaveLength(3);
  });
});

describe('perSampleData for metrics', () => {
  it('shows the last update_state values and the running result()', () => {
    const r = evaluate({ kind: 'metric', name: 'CategoricalCrossentropy', updates: [
      { y_true: [[0, 1]], y_pred: [[0.4, 0.6]] }, { y_true: [[1, 0], [0, 1]], y_pred: [[0.9, 0.1], [0.5, 0.5]] },
    ] });
    const d = perSampleData(r);
    expect(d.bars).toHaveLength(2);
    expect(d.reduced?.label).toBe('result()');
  });
});

describe('stepCursor (keyboard access to chart tooltips)', () => {
  it('arrows step by one and stop at the ends; the first step from nothing lands on an end', () => {
    expect(stepCursor(null, 'ArrowRight', 5)).toBe(0);
    expect(stepCursor(null, 'ArrowLeft', 5)).toBe(4);
    expect(stepCursor(2, 'ArrowRight', 5)).toBe(3);
    expect(stepCursor(4, 'ArrowRight', 5)).toBe(4);
    expect(stepCursor(0, 'ArrowLeft', 5)).toBe(0);
    expect(stepCursor(2, 'ArrowUp', 5)).toBe(3);
  });

  it('PageUp/PageDown step by 10, Home/End jump, Escape clears, other keys are not the cursor\'s', () => {
    expect(stepCursor(3, 'PageUp', 101)).toBe(13);
    expect(stepCursor(3, 'PageDown', 101)).toBe(0);
    expect(stepCursor(50, 'Home', 101)).toBe(0);
    expect(stepCursor(null, 'End', 101)).toBe(100);
    expect(stepCursor(7, 'Escape', 101)).toBeNull();
    expect(stepCursor(7, 'Tab', 101)).toBeUndefined();
    expect(stepCursor(null, 'ArrowRight', 0)).toBeUndefined();
  });
});
