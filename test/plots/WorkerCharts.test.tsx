// @vitest-environment jsdom
/** The charts fed by the 'charts' channel (main-thread fallback in jsdom): gradient curve and CTC lattice. */
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CtcChart } from '../../src/plots/CtcChart';
import { FocalChart } from '../../src/plots/FocalChart';
import { GradientChart } from '../../src/plots/GradientChart';
import { alphaSweep, gammaSweep } from '../../src/engine/index';
import { setChartsClient } from '../../src/plots/chartsClient';
import { appStore } from '../../src/state/useStore';
import type { EngineClient } from '../../src/worker/clientTypes';
import { loadDoc, rounded, writeResult } from './helpers';

afterEach(cleanup);
const wait = { timeout: 5000 };

const cce = { name: 'CategoricalCrossentropy', y_true: [[0, 1, 0], [0, 0, 1]], y_pred: [[0.05, 0.95, 0], [0.1, 0.8, 0.1]] };

describe('GradientChart', () => {
  it('draws loss and gradient of the selected entry with the current point and clip bands (snapshot)', async () => {
    loadDoc({ ...cce, view: { tab: 'gradient', selected: [1, 2], hide: [], preset: null } });
    render(<GradientChart width={640} />);
    const curve = await screen.findByTestId('plot.gradient.curve', {}, wait);
    expect(within(curve).getByTestId('plot.gradient.current')).toBeTruthy();
    expect(screen.getByRole('img').getAttribute('aria-label')).toBe('Loss and gradient of sample 1 against y_pred entry 2');
    expect(rounded(screen.getByTestId('plot.gradient.svg'))).toMatchSnapshot();
  });

  it('overlays focal gammas, and follows a new selection', async () => {
    loadDoc({ ...cce, view: { tab: 'gradient', selected: null, hide: [], preset: null } });
    render(<GradientChart width={640} />);
    await screen.findByTestId('plot.gradient.curve', {}, wait);
    fireEvent.change(screen.getByTestId('plot.gradient.compare'), { target: { value: 'focal' } });
    await expect.poll(() => screen.getAllByTestId('plot.gradient.curve').length, wait).toBe(4);
    expect(appStore.getState().doc.view.compare).toBe('focal');  // in the view, so the link keeps it
    act(() => appStore.getState().setView({ selected: [1, 0] }));
    await expect.poll(() => screen.getByRole('img').getAttribute('aria-label'), wait).toContain('sample 1 against y_pred entry 0');
  });

  it('opens with the overlay and x axis a link names; an overlay the loss lacks falls back to none', async () => {
    loadDoc({ ...cce, view: { tab: 'gradient', selected: [0, 1], hide: [], preset: null, compare: 'smoothing', space: 'logit' } });
    render(<GradientChart width={640} />);
    await expect.poll(() => screen.queryAllByTestId('plot.gradient.curve').map((g) => g.getAttribute('data-label')).length, wait).toBe(2);
    expect((screen.getByTestId('plot.gradient.space') as HTMLSelectElement).value).toBe('logit');
    cleanup();
    loadDoc({ name: 'Poisson', y_true: [[1, 2]], y_pred: [[0.5, 1.5]], view: { tab: 'gradient', selected: [0, 0], hide: [], preset: null, compare: 'focal' } });
    render(<GradientChart width={640} />);
    await screen.findByTestId('plot.gradient.curve', {}, wait);
    expect(screen.getAllByTestId('plot.gradient.curve')).toHaveLength(1);
    expect((screen.getByTestId('plot.gradient.compare') as HTMLSelectElement).value).toBe('none');
  });

  it('shows where the binary gradient dies on a logit axis', async () => {
    loadDoc({ name: 'BinaryCrossentropy', y_true: [[1, 0]], y_pred: [[0.7, 0.2]], view: { tab: 'gradient', selected: [0, 0], hide: [], preset: null } });
    render(<GradientChart width={640} />);
    await screen.findByTestId('plot.gradient.curve', {}, wait);
    fireEvent.change(screen.getByTestId('plot.gradient.space'), { target: { value: 'logit' } });
    await expect.poll(() => screen.queryAllByTestId('plot.gradient.dead').length, wait).toBe(2);
    expect(screen.getAllByTestId('plot.gradient.clip')).toHaveLength(2);
  });
});

describe('CtcChart', () => {
  it('draws the occupancy lattice, the best path and the per-time gradient (snapshot)', async () => {
    const y_pred = [[[2, 0.5, 0.1], [0.1, 3, 0.2], [1, 0.2, 0.3], [0.2, 0.1, 2.5]]];
    loadDoc({ name: 'CTC', y_true: [[1, 2]], y_pred, sample_weight: null, view: { tab: 'ctc', selected: null, hide: [], preset: null } });
    render(<CtcChart width={640} />);
    const occ = await screen.findByTestId('plot.ctc.occupancy', {}, wait);
    expect(occ.querySelectorAll('rect')).toHaveLength(4 * 5);
    expect(screen.getByTestId('plot.ctc.gradient').querySelectorAll('rect')).toHaveLength(4 * 3);
    expect(screen.getByTestId('plot.ctc.path').getAttribute('d')!.split('L')).toHaveLength(4);
    expect(screen.getByTestId('plot.ctc.table').textContent).toContain('best path');
    expect(rounded(screen.getByTestId('plot.ctc.svg'))).toMatchSnapshot();
  });
});

describe('chart jobs', () => {
  it('are posted by the edit itself, before React renders it, and answered once per key', async () => {
    const posted: string[] = [];
    const client: EngineClient = {
      mode: 'main-thread',
      run: (_channel, job) => {
        const [g, a] = [job.extras!.gamma.args, job.extras!.alpha.args] as Parameters<typeof gammaSweep>[];
        posted.push(String((g[0] as { y_pred: number[][] }).y_pred[0][0]));
        return Promise.resolve({ items: [], extras: { gamma: { ok: true, value: gammaSweep(...g) }, alpha: { ok: true, value: alphaSweep(...a) } }, backend: 'ts', ms: 0, mode: 'main-thread' });
      },
      subscribe: () => () => {},
      dispose: () => {},
    };
    setChartsClient(client);
    try {
      loadDoc({ name: 'BinaryFocalCrossentropy', y_true: [[0, 1]], y_pred: [[0.3, 0.6]], view: { tab: 'focal', selected: null, hide: [], preset: null } });
      render(<FocalChart width={640} />);
      expect(posted).toEqual(['0.3']);
      // Outside act(): React has not rendered the edit when setCell returns, yet the job is out.
      appStore.getState().setCell('y_pred', [0, 0], '0.4');
      expect(posted).toEqual(['0.3', '0.4']);
      await act(async () => {});
      expect(posted).toEqual(['0.3', '0.4']);
    } finally {
      setChartsClient(null);
    }
  });
});

describe('FocalChart', () => {
  it('recomputes when a parameter changes', async () => {
    loadDoc({ name: 'BinaryFocalCrossentropy', y_true: [[0, 1]], y_pred: [[0.3, 0.6]], view: { tab: 'focal', selected: null, hide: [], preset: null } });
    render(<FocalChart width={640} />);
    const reduced = () => screen.getAllByTestId('plot.alpha-sweep.reduced').map((p) => p.getAttribute('d')).join();
    await screen.findAllByTestId('plot.alpha-sweep.reduced', {}, wait);
    const before = reduced();
    act(() => { appStore.getState().setConfig('gamma', 0.5); writeResult(); });
    await expect.poll(reduced, wait).not.toBe(before);
  });
});

describe('What the CTC and gradient charts claim', () => {
  it('an infeasible CTC label draws no "best path" (it would decode to another label) and says why', async () => {
    const y_pred = [[[0.5, 1, -0.3], [0.1, 0.2, 1.5], [1.2, -0.4, 0.3], [0, 0.8, 0.6]]];
    loadDoc({ name: 'CTC', y_true: [[1, 1, 1]], y_pred, sample_weight: null, view: { tab: 'ctc', selected: null, hide: [], preset: null } });
    render(<CtcChart width={640} />);
    await screen.findByTestId('plot.ctc.occupancy', {}, wait);
    expect(screen.queryByTestId('plot.ctc.path')).toBeNull();
    const caption = screen.getByTestId('plot.ctc').querySelector('figcaption')!.textContent!;
    expect(caption).toContain('no alignment exists');
    expect(caption).not.toContain('decodes to');
    expect(screen.getByTestId('plot.ctc.legend').textContent).not.toContain('best path');
  });

  it('a current value beyond the swept range is marked at the edge and said to be beyond it, not drawn off the plot', async () => {
    loadDoc({ name: 'CategoricalCrossentropy', y_true: [[0, 1, 0], [1, 0, 0]], y_pred: [[0.1, 2.0, -1.0], [3.0, 0.5, 0.2]], view: { tab: 'gradient', selected: [0, 1], hide: [], preset: null } });
    render(<GradientChart width={640} />);
    await screen.findByTestId('plot.gradient.curve', {}, wait);
    const x = Number(screen.getByTestId('plot.gradient.current-x').getAttribute('x1'));
    expect(x).toBeLessThanOrEqual(640 - 58);
    expect(screen.getByTestId('plot.gradient.svg').textContent).toContain('current 2 →, beyond this axis');
    expect(screen.queryByTestId('plot.gradient.current')).toBeNull();
  });
});

describe('GradientChart with a NaN row', () => {
  it('says the loss is NaN over the whole range instead of an empty plot, and marks the current point as NaN inside the plot', async () => {
    loadDoc({ name: 'Poisson', y_true: [[0, 1], [1, 0]], y_pred: [[-0.5, 0.7], [0.6, 0.4]], view: { tab: 'gradient', selected: [0, 1], hide: [], preset: null } });
    render(<GradientChart width={640} />);
    await screen.findByTestId('plot.gradient.curve', {}, wait);
    expect(screen.getByTestId('plot.gradient.no-loss').textContent).toContain('NaN for every x');
    const mark = screen.getByTestId('plot.nonfinite');
    expect(mark.getAttribute('data-value')).toBe('nan');
    expect(screen.getByTestId('plot.gradient.svg').outerHTML).not.toMatch(/ (d|cx|cy|x|y)="[^"]*NaN/);
  });
});
