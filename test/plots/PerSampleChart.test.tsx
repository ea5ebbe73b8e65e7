// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { PerSampleChart } from '../../src/plots/PerSampleChart';
import { appStore } from '../../src/state/useStore';
import { linkStore } from '../../src/ui/common/linking';
import { loadDoc, pointer, rounded, writeResult } from './helpers';

afterEach(cleanup);

const barX = (i: number) => Number(/^M([\d.]+)/.exec(screen.getAllByTestId('plot.per-sample.bar')[i].querySelector('path')!.getAttribute('d')!)![1]);

describe('PerSampleChart', () => {
  it('draws a bar per sample, the weights and the reduction line (snapshot)', () => {
    loadDoc({ name: 'BinaryCrossentropy', y_true: [[0, 1], [1, 0], [1, 1]], y_pred: [[0.1, 0.8], [0.3, 0.4], [0.9, 0.99]], sample_weight: [1, 0.5, 0] });
    render(<PerSampleChart width={640} />);
    expect(screen.getAllByTestId('plot.per-sample.bar')).toHaveLength(3);
    expect(screen.getByTestId('plot.per-sample.reduction').textContent).toContain('sum_over_batch_size');
    expect(screen.getByRole('img', { name: /Per-sample loss: BinaryCrossentropy/ })).toBeTruthy();
    expect(screen.getByTestId('plot.per-sample.table').querySelectorAll('tbody tr')).toHaveLength(3);
    expect(rounded(screen.getByTestId('plot.per-sample.svg'))).toMatchSnapshot();
  });

  it('hovering a bar links its sample; a linked sample (from the grid) is highlighted', () => {
    loadDoc();
    render(<PerSampleChart width={640} />);
    const overlay = screen.getByTestId('plot.per-sample.overlay');
    pointer(overlay, 'pointermove', barX(1) + 3);
    expect(linkStore.getState()).toMatchObject({ sample: 1, source: 'chart:per-sample' });
    expect(screen.getByTestId('plot.per-sample.tooltip').textContent).toContain('2.3025851');
    pointer(overlay, 'pointerout', 0);
    expect(linkStore.getState().sample).toBeNull();
    act(() => linkStore.getState().setHover({ cell: { field: 'y_pred', index: [0, 2] }, source: 'grid' }));
    expect(screen.getAllByTestId('plot.per-sample.bar')[0].getAttribute('data-highlighted')).toBe('true');
  });

  it('keyboard: the plot takes focus, arrows step through the samples with tooltip, link and announcement; Enter selects', () => {
    loadDoc();
    render(<PerSampleChart width={640} />);
    const plot = screen.getByRole('group', { name: /Arrow keys step through each sample, Enter selects it/ });
    act(() => plot.focus());
    fireEvent.keyDown(plot, { key: 'ArrowRight' });
    expect(linkStore.getState()).toMatchObject({ sample: 0, source: 'chart:per-sample' });
    fireEvent.keyDown(plot, { key: 'ArrowRight' });
    expect(linkStore.getState().sample).toBe(1);
    expect(screen.getByTestId('plot.per-sample.tooltip').textContent).toContain('2.3025851');
    expect(screen.getByTestId('plot.per-sample.live').textContent).toMatch(/^sample 1; loss +2\.3025851/);
    fireEvent.keyDown(plot, { key: 'Enter' });
    expect(appStore.getState().doc.view.selected?.[0]).toBe(1);
    fireEvent.keyDown(plot, { key: 'Escape' });
    expect(linkStore.getState().sample).toBeNull();
    expect(screen.queryByTestId('plot.per-sample.tooltip')).toBeNull();
    expect(screen.getByTestId('plot.per-sample.live').textContent).toBe('');
  });

  it('a click selects the sample for the gradient curve', () => {
    loadDoc();
    render(<PerSampleChart width={640} />);
    fireEvent.click(screen.getByTestId('plot.per-sample.overlay'), { clientX: barX(1) + 3, clientY: 100 });
    expect(appStore.getState().doc.view.selected).toEqual([1, 2]);
  });
});

describe('PerSampleChart: what a person sees', () => {
  it('a NaN sample is a labelled marker at its sample; the finite bars are still drawn inside the axes', () => {
    loadDoc({ name: 'Poisson', y_true: [[0, 1], [1, 0]], y_pred: [[-0.5, 0.7], [0.6, 0.4]] });
    render(<PerSampleChart width={640} />);
    const svg = screen.getByTestId('plot.per-sample.svg');
    const marks = screen.getAllByTestId('plot.nonfinite');
    expect(marks).toHaveLength(1);
    expect(marks[0].textContent).toContain('NaN');
    expect(marks[0].getAttribute('data-value')).toBe('nan');
    const d = screen.getAllByTestId('plot.per-sample.bar-shape').map((p) => p.getAttribute('d')!);
    expect(d).toHaveLength(1);
    expect(svg.outerHTML).not.toMatch(/ (d|x|y|cx|cy|x1|x2|y1|y2|transform)="[^"]*(NaN|undefined)/);
    const ys = d[0].match(/V([\d.]+)/g)!.map((v) => Number(v.slice(1)));
    expect(Math.min(...ys)).toBeGreaterThan(14);
    // Stepping onto the NaN sample from the keyboard places its tooltip inside the plot, not at top: NaN.
    const plot = screen.getByRole('group', { name: /Arrow keys step/ });
    act(() => plot.focus());
    fireEvent.keyDown(plot, { key: 'ArrowRight' });
    const tip = screen.getByTestId('plot.per-sample.tooltip');
    expect(tip.textContent).toContain('nan');
    expect(Number.parseFloat(tip.style.top)).toBeGreaterThanOrEqual(0);
    // No reduction line at NaN (only its legend entry says "= nan", as the result panel prints it).
    expect(screen.queryByTestId('plot.per-sample.reduction')).toBeNull();
    expect(screen.getByTestId('plot.per-sample.legend').textContent).toContain('sum_over_batch_size = nan');
  });

  it('bars spread over the whole axis, and the legend has one swatch per sample in its colour', () => {
    loadDoc({ name: 'BinaryCrossentropy', y_true: [[0, 1], [1, 0]], y_pred: [[0.1, 0.8], [0.3, 0.4]] });
    render(<PerSampleChart width={640} />);
    const [a, b] = [barX(0), barX(1)];
    expect(a).toBeLessThan(58 + (640 - 116) / 3);
    expect(b).toBeGreaterThan(58 + (2 * (640 - 116)) / 3 - 90);
    const swatches = [...screen.getByTestId('plot.per-sample.legend').querySelectorAll('rect')].map((r) => r.getAttribute('fill'));
    expect(swatches).toEqual(['var(--sample-0)', 'var(--sample-1)']);
  });
});

describe('PerSampleChart: new data refits the axes', () => {
  const top = () => Math.max(...[...screen.getByTestId('plot.per-sample.svg').querySelectorAll('.axis-left text')].map((t) => Number(t.textContent)).filter(Number.isFinite));
  it('a cell edit keeps the axes (motion means change); a pasted tensor refits them so its taller bar is not cut off', () => {
    loadDoc({ name: 'BinaryCrossentropy', y_true: [[0, 1], [1, 0]], y_pred: [[0.4, 0.6], [0.6, 0.4]] });
    render(<PerSampleChart width={640} />);
    const before = top();
    act(() => { appStore.getState().setCell('y_pred', [0, 1], '0.3'); writeResult(); });
    expect(top()).toBe(before);
    act(() => { appStore.getState().setTensor('y_pred', [[0.999, 0.001], [0.6, 0.4]]); writeResult(); });
    const bar = screen.getAllByTestId('plot.per-sample.bar-shape')[0].getAttribute('d')!;
    expect(top()).toBeGreaterThanOrEqual(6.9);
    expect(Math.min(...bar.match(/V([\d.]+)/g)!.map((v) => Number(v.slice(1))))).toBeGreaterThan(14);
    expect(screen.getByTestId('plot.per-sample.rescale').textContent).toBe('Rescale');
  });
});
