// @vitest-environment jsdom
/**
 * The training chart (issue 15) as a person meets it: the run's loss and each sample's true-class
 * probability drawn inside the axes, the optimum where label smoothing puts it below 1, the compared
 * run dashed, the steps frozen by a clip, a data table, play, and the one step explained under it.
 */
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { trainRun, trainStep } from '../../src/engine/index';
import type { ViewDoc } from '../../src/document/document';
import { sweepRequest } from '../../src/plots/jobs';
import { TrainingChart } from '../../src/plots/TrainingChart';
import { trainParams, trainSetting } from '../../src/plots/trainingData';
import { appStore } from '../../src/state/useStore';
import { formatNumber } from '../../src/ui/common/format';
import { EXTRAS } from '../../src/engine/extras';
import { setChartsClient } from '../../src/plots/chartsClient';
import type { EngineClient } from '../../src/worker/clientTypes';
import { loadDoc, writeResult } from './helpers';

afterEach(cleanup);
const wait = { timeout: 8000 };

const view = (v: Partial<ViewDoc> = {}): ViewDoc => ({ tab: 'training', selected: null, hide: [], preset: null, ...v });
const CCE = { name: 'CategoricalCrossentropy', y_true: [[0, 1, 0], [0, 0, 1]], y_pred: [[0.2, 0.7, 0.1], [0.3, 0.5, 0.2]] };
const SMOOTHED = { ...CCE, config: { label_smoothing: 0.1 } };

/** Every coordinate pair of a path's d. */
const points = (d: string) => [...d.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);

function plotRect(id: string) {
  const r = screen.getByTestId(`plot.${id}.overlay`);
  const [x, y, w, h] = ['x', 'y', 'width', 'height'].map((a) => Number(r.getAttribute(a)));
  return { x0: x, x1: x + w, y0: y, y1: y + h };
}

function expectInside(path: Element, id: string) {
  const r = plotRect(id);
  const pts = points(path.getAttribute('d')!);
  expect(pts.length).toBeGreaterThan(10);
  for (const [x, y] of pts) {
    expect(x).toBeGreaterThanOrEqual(r.x0);
    expect(x).toBeLessThanOrEqual(r.x1);
    expect(y).toBeGreaterThanOrEqual(r.y0);
    expect(y).toBeLessThanOrEqual(r.y1);
  }
}

/** The engine's own run for the document on screen (what the chart must show). */
function engineRun() {
  const { doc } = appStore.getState();
  const { req, opts } = sweepRequest(doc);
  return trainRun(req, opts, trainParams(doc, trainSetting(doc)));
}

describe('TrainingChart', () => {
  it('draws the loss and each sample’s true-class probability inside the axes, each sample in its colour', async () => {
    loadDoc({ ...SMOOTHED, view: view({ learningRate: 0.5, steps: 200 }) });
    render(<TrainingChart width={640} />);
    const loss = await screen.findByTestId('plot.training-loss.line', {}, wait);
    expectInside(loss, 'training-loss');
    const lines = screen.getAllByTestId('plot.training-prob.line');
    expect(lines.map((l) => [l.getAttribute('data-sample'), l.getAttribute('stroke')])).toEqual([['0', 'var(--sample-0)'], ['1', 'var(--sample-1)']]);
    for (const l of [...lines, screen.getByTestId('plot.training-prob.mean')]) expectInside(l, 'training-prob');
    // The loss falls: the path ends lower on screen-y terms (larger y is lower).
    const pts = points(loss.getAttribute('d')!);
    expect(pts[pts.length - 1][1]).toBeGreaterThan(pts[0][1]);
    expect(screen.getByTestId('plot.training-loss').querySelector('figcaption')!.textContent).toContain('Loss over 200 SGD steps');
  });

  it('states the optimum 1 − ls + ls/C as a labelled reference line, and the run approaches it', async () => {
    loadDoc({ ...SMOOTHED, view: view({ learningRate: 1, steps: 400 }) });
    render(<TrainingChart width={640} />);
    const opt = await screen.findByTestId('plot.training-prob.optimum', {}, wait);
    expect(Number(opt.getAttribute('data-value'))).toBeCloseTo(1 - 0.1 + 0.1 / 3, 12);
    expect(opt.querySelector('text')!.textContent).toBe(`optimum ${formatNumber(1 - 0.1 + 0.1 / 3)}`);
    const yOpt = Number(opt.querySelector('line')!.getAttribute('y1'));
    for (const l of screen.getAllByTestId('plot.training-prob.line')) {
      const pts = points(l.getAttribute('d')!);
      expect(Math.abs(pts[pts.length - 1][1] - yOpt)).toBeLessThan(Math.abs(pts[0][1] - yOpt) / 4);
    }
    const run = engineRun().main;
    expect(screen.getByTestId('plot.training.summary').textContent).toContain(
      `loss ${formatNumber(run.loss[400])}, from ${formatNumber(run.loss[0])} at step 0`);
    expect(screen.getByTestId('plot.training.summary').textContent).toContain('= 1 − ls + ls/C with label_smoothing = 0.1');
  });

  it('draws no optimum line without label smoothing, and says the optimum 1 is never reached', async () => {
    loadDoc({ ...CCE, view: view() });
    render(<TrainingChart width={640} />);
    await screen.findAllByTestId('plot.training-prob.line', {}, wait);
    expect(screen.queryByTestId('plot.training-prob.optimum')).toBeNull();
    expect(screen.getByTestId('plot.training.summary').textContent).toContain('The optimum is 1: approached as the logits grow');
  });

  it('overlays the compared run dashed, offers only the comparisons the loss has, and keeps the choice in the view', async () => {
    loadDoc({ ...CCE, view: view({ learningRate: 0.5, steps: 100 }) });
    render(<TrainingChart width={640} />);
    await screen.findByTestId('plot.training-loss.line', {}, wait);
    const select = screen.getByTestId('plot.training.compare') as HTMLSelectElement;
    expect([...select.options].map((o) => o.value)).toEqual(['none', 'smoothing', 'gamma', 'logits', 'reduction', 'optimizer']);
    expect(screen.queryByTestId('plot.training-loss.compare')).toBeNull();
    fireEvent.change(select, { target: { value: 'smoothing' } });
    const dashed = await screen.findByTestId('plot.training-loss.compare', {}, wait);
    expect(dashed.getAttribute('stroke-dasharray')).toBeTruthy();
    expectInside(dashed, 'training-loss');
    expect(screen.getAllByTestId('plot.training-prob.compare')).toHaveLength(2);
    expect(appStore.getState().doc.view.trainCompare).toBe('smoothing');
    expect(screen.getByTestId('plot.training-loss.legend').textContent).toContain('label_smoothing=0.1 (compared)');
    // The compared run has its own optimum (smoothed), dashed.
    expect(screen.getByTestId('plot.training-prob.optimum').getAttribute('data-run')).toBe('compare');
    cleanup();
    loadDoc({ kind: 'function', name: 'sparse_categorical_crossentropy', y_true: [1, 2], y_pred: [[0.2, 0.7, 0.1], [0.3, 0.5, 0.2]], view: view({ trainCompare: 'smoothing' }) });
    render(<TrainingChart width={640} />);
    await screen.findByTestId('plot.training-loss.line', {}, wait);
    const fn = screen.getByTestId('plot.training.compare') as HTMLSelectElement;
    expect([...fn.options].map((o) => o.value)).toEqual(['none', 'logits', 'optimizer']);
    expect(fn.value).toBe('none');  // a link naming a comparison this loss lacks falls back to none
  });

  it('marks the steps where entries sit at a clip bound with a gradient of exactly 0', async () => {
    const doc = { name: 'BinaryCrossentropy', y_true: [[1, 0, 1]], y_pred: [[1 - 1e-8, 1 - 1e-8, 0.4]] };
    loadDoc({ ...doc, view: view({ learningRate: 1, steps: 50, trainCompare: 'logits' }) });
    render(<TrainingChart width={640} />);
    const marks = await screen.findAllByTestId('plot.training-loss.clipped', {}, wait);
    // Frozen at every step of this run; the from_logits=True run has no clip and no mark.
    expect(marks.map((m) => [m.getAttribute('data-run'), m.getAttribute('data-from'), m.getAttribute('data-to')])).toEqual([['main', '0', '50']]);
    expect(screen.getByTestId('plot.training.summary').textContent).toContain('2 entries sit at Keras’s clip bound with a gradient of exactly 0');
    expect(screen.getByTestId('plot.training-loss.legend').textContent).toContain('steps with entries stuck at a clip bound');
  });

  it('has data tables of every step with the engine’s numbers', async () => {
    loadDoc({ ...CCE, view: view({ steps: 30, trainCompare: 'optimizer' }) });
    render(<TrainingChart width={640} />);
    const table = await screen.findByTestId('plot.training-loss.table', {}, wait);
    const run = engineRun();
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(1 + 31);
    expect(within(rows[0]).getAllByRole('columnheader').map((c) => c.textContent)).toEqual(
      ['step', 'loss, SGD', 'entries clipped, SGD', 'loss, Adam (Keras\'s default rate)', 'entries clipped, Adam (Keras\'s default rate)']);
    expect(rows[31].textContent).toBe(['30', String(run.main.loss[30]), '0', String(run.compare!.loss[30]), '0'].join(''));
    const prob = screen.getByTestId('plot.training-prob.table');
    expect(prob.querySelector('caption')!.textContent).toContain('probability of the true class');
  });

  it('scrubbing moves the cursor and changes the explained step: its gradient and update are the engine’s', async () => {
    loadDoc({ ...CCE, view: view({ learningRate: 0.5, steps: 40 }) });
    render(<TrainingChart width={640} />);
    const explained = await screen.findByTestId('explain.train-step', {}, wait);
    expect(explained.getAttribute('data-step')).toBe('39');  // the run's end is shown: its last update
    fireEvent.change(screen.getByTestId('plot.training.scrub'), { target: { value: '10' } });
    expect(appStore.getState().doc.view.trainStep).toBe(10);
    expect(screen.getByTestId('plot.training-loss.cursor').getAttribute('data-step')).toBe('10');
    await expect.poll(() => screen.getByTestId('explain.train-step').getAttribute('data-step'), wait).toBe('10');
    const { doc } = appStore.getState();
    const { req, opts } = sweepRequest(doc);
    const d = trainStep(req, opts, trainParams(doc, trainSetting(doc)), 10);
    const grad = screen.getByRole('table', { name: 'dL/dz at step 10' });
    expect([...grad.querySelectorAll('td')].map((c) => c.textContent)).toEqual(Array.from(d.grad, (g) => formatNumber(g)));
    const update = screen.getByRole('table', { name: 'Δz at step 10' });
    expect([...update.querySelectorAll('td')].map((c) => c.textContent)).toEqual(Array.from(d.update, (u) => formatNumber(u)));
    expect(screen.getByTestId('explain.train-step').textContent).toContain('SGD: Δz = −lr · dL/dz, lr = 0.5');
  });

  it('plays the run: the cursor walks from step 0, and pausing keeps the step in the view', async () => {
    loadDoc({ ...CCE, view: view({ steps: 300 }) });
    render(<TrainingChart width={640} />);
    await screen.findByTestId('plot.training-loss.line', {}, wait);
    const at = () => Number(screen.getByTestId('plot.training-loss.cursor').getAttribute('data-step'));
    expect(at()).toBe(300);
    fireEvent.click(screen.getByTestId('plot.training.play'));
    expect(screen.getByTestId('plot.training.play').textContent).toContain('Pause');
    const seen: number[] = [];
    await expect.poll(() => { seen.push(at()); return at(); }, wait).toBeGreaterThan(0);
    expect(Math.min(...seen)).toBeGreaterThanOrEqual(0);  // from step 0, never before it
    expect(at()).toBeLessThan(300);
    expect(screen.getByTestId('plot.training.step-hint')).toBeTruthy();
    act(() => { fireEvent.click(screen.getByTestId('plot.training.play')); });
    const paused = at();
    expect(appStore.getState().doc.view.trainStep).toBe(paused);
    expect(screen.getByTestId('plot.training.step').textContent).toBe(`${paused} / 300`);
  });

  it('asks the worker once per run: the shown step’s update comes with the run, a scrubbed step is asked for alone', async () => {
    const posted: string[] = [];
    const client: EngineClient = {
      mode: 'main-thread',
      run: (channel, job) => {
        const extras = Object.fromEntries(Object.entries(job.extras ?? {}).map(([name, call]) => {
          posted.push(`${channel} ${call.fn}`);
          return [name, { ok: true as const, value: (EXTRAS[call.fn] as (...a: unknown[]) => unknown)(...call.args) }];
        }));
        return Promise.resolve({ items: [], extras, backend: 'ts', ms: 0, mode: 'main-thread' });
      },
      subscribe: () => () => {},
      dispose: () => {},
    };
    setChartsClient(client);
    try {
      loadDoc({ ...CCE, view: view({ steps: 40 }) });
      render(<TrainingChart width={640} />);
      await expect.poll(() => screen.queryByTestId('explain.train-step')?.getAttribute('data-step'), wait).toBe('39');
      expect(posted).toEqual(['charts trainRun']);
      fireEvent.change(screen.getByTestId('plot.training.scrub'), { target: { value: '10' } });
      await expect.poll(() => screen.getByTestId('explain.train-step').getAttribute('data-step'), wait).toBe('10');
      expect(posted).toEqual(['charts trainRun', 'charts:train-step trainStep']);
      // Back at the end: the run's own step again, nothing asked.
      fireEvent.change(screen.getByTestId('plot.training.scrub'), { target: { value: '40' } });
      await expect.poll(() => screen.getByTestId('explain.train-step').getAttribute('data-step'), wait).toBe('39');
      // An edit of the input is a new run (it carries the step shown).
      act(() => { appStore.getState().setCell('y_pred', [0, 0], '0.3'); writeResult(); });
      await act(async () => {});
      expect(posted).toEqual(['charts trainRun', 'charts:train-step trainStep', 'charts trainRun']);
    } finally {
      setChartsClient(null);
    }
  });

  it('says why it does not apply on NumPy, which has no automatic differentiation', () => {
    loadDoc({ ...CCE, kerasBackend: 'numpy', view: view() });
    render(<TrainingChart width={640} />);
    expect(screen.getByTestId('plot.training.status').textContent).toMatch(/^Keras on NumPy has no automatic differentiation, so there is no gradient for gradient descent to follow\./);
  });
});
