/** The training chart's pure parts, in Node: the run a view asks for, the compared settings, the clip spans. */
import { describe, expect, it } from 'vitest';
import { trainRun } from '../../src/engine/index';
import { defaultDoc, type ExampleDoc, type ViewDoc } from '../../src/document/document';
import { notApplicable, sweepRequest, trainingJob } from '../../src/plots/jobs';
import { clipSpans, compareSpec, DEFAULT_TRAIN_STEPS, optimumRefs, trainCompareModes, trainParams, trainSetting } from '../../src/plots/trainingData';
import { trainingSummary } from '../../src/plots/trainingText';
import { formatNumber } from '../../src/ui/common/format';

const doc = (patch: Partial<Omit<ExampleDoc, 'view'>> = {}, v: Partial<ViewDoc> = {}): ExampleDoc =>
  ({ ...defaultDoc(), ...patch, view: { ...defaultDoc().view, tab: 'training', ...v } });
const CCE = { name: 'CategoricalCrossentropy', y_true: [[0, 1, 0], [0, 0, 1]], y_pred: [[0.2, 0.7, 0.1], [0.3, 0.5, 0.2]] };

describe('the run a view asks for', () => {
  it('defaults to SGD at Keras’s rate for 500 steps, showing the end; a step past a shorter run shows its end', () => {
    expect(trainSetting(doc())).toEqual({ optimizer: 'sgd', learningRate: null, steps: DEFAULT_TRAIN_STEPS, compare: 'none', step: DEFAULT_TRAIN_STEPS });
    expect(trainSetting(doc({}, { steps: 40, trainStep: 300 })).step).toBe(40);
    // No learning rate in the parameters: the engine applies Keras's default and reports it.
    expect(trainParams(doc(), trainSetting(doc()))).toEqual({ steps: 500, optimizer: 'sgd', samples: [0, 1, 2, 3, 4, 5, 6, 7], compare: null });
  });

  it('records the selected sample beyond the first 8', () => {
    const d = doc({}, { selected: [12, 0] });
    expect(trainParams(d, trainSetting(d)).samples).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 12]);
  });

  it('is one job that trains the document’s own request (a metric on its function)', () => {
    const d = doc({ ...CCE }, { optimizer: 'adam', learningRate: 0.1, steps: 20 });
    const job = trainingJob(d, trainParams(d, trainSetting(d)));
    expect(job.extras.run.fn).toBe('trainRun');
    expect(job.extras.run.args[2]).toMatchObject({ steps: 20, optimizer: 'adam', learning_rate: 0.1 });
    const metric = doc({ kind: 'metric', name: 'CategoricalCrossentropy', updates: [{ y_true: CCE.y_true, y_pred: CCE.y_pred, sample_weight: null }] });
    expect(trainingJob(metric, trainParams(metric, trainSetting(metric))).extras.run.args[0]).toMatchObject({ kind: 'function', name: 'categorical_crossentropy' });
  });
});

describe('compared settings', () => {
  it('are offered where the loss has them', () => {
    expect(trainCompareModes(doc({ name: 'CategoricalCrossentropy' }))).toEqual(['none', 'smoothing', 'gamma', 'logits', 'reduction', 'optimizer']);
    expect(trainCompareModes(doc({ name: 'SparseCategoricalCrossentropy' }))).toEqual(['none', 'logits', 'reduction', 'optimizer']);
    expect(trainCompareModes(doc({ name: 'Poisson' }))).toEqual(['none', 'reduction', 'optimizer']);
    expect(trainCompareModes(doc({ kind: 'function', name: 'ctc' }))).toEqual(['none', 'optimizer']);
  });

  it('each trains the other side of one setting', () => {
    const spec = (config: Record<string, unknown>, compare: ViewDoc['trainCompare'], name = 'CategoricalCrossentropy', o: Partial<ViewDoc> = {}) => {
      const d = doc({ name, config }, { trainCompare: compare, ...o });
      return compareSpec(d, trainSetting(d));
    };
    expect(spec({}, 'smoothing')).toEqual({ main: 'label_smoothing=0', other: { label: 'label_smoothing=0.1', config: { label_smoothing: 0.1 } } });
    expect(spec({ label_smoothing: 0.2 }, 'smoothing')!.other.config).toEqual({ label_smoothing: 0 });
    // Plain cross-entropy against its focal counterpart at gamma 2 without balancing (gamma 0 would be this loss).
    expect(spec({}, 'gamma')).toEqual({ main: 'CategoricalCrossentropy (γ=0)', other: { label: 'CategoricalFocalCrossentropy, γ=2', name: 'CategoricalFocalCrossentropy', config: { alpha: 1, gamma: 2 } } });
    expect(spec({}, 'gamma', 'BinaryFocalCrossentropy')!.other).toEqual({ label: 'γ=0', config: { gamma: 0 } });
    expect(spec({ from_logits: true }, 'logits')!.other.config).toEqual({ from_logits: false });
    expect(spec({}, 'reduction')!.other.config).toEqual({ reduction: 'sum' });
    expect(spec({ reduction: 'sum' }, 'reduction')!.other.config).toEqual({ reduction: 'sum_over_batch_size' });
    expect(spec({}, 'optimizer', 'CategoricalCrossentropy', { optimizer: 'adam' })!.other).toEqual({ label: 'SGD (Keras\'s default rate)', optimizer: 'sgd' });
  });

  it('a compare the engine trains: γ=2 moves the easy sample less than plain cross-entropy', () => {
    const d = doc({ ...CCE }, { trainCompare: 'gamma', learningRate: 0.5, steps: 50 });
    const { req, opts } = sweepRequest(d);
    const run = trainRun(req, opts, trainParams(d, trainSetting(d)));
    const gain = (t: typeof run.main, j: number) => t.trueProb[50 * t.samples.length + j] - t.trueProb[j];
    expect(gain(run.compare!, 0)).toBeLessThan(gain(run.main, 0));
  });
});

describe('what the chart says', () => {
  it('clip spans are the runs of steps with a clipped entry', () => {
    expect(clipSpans([0, 2, 2, 0, 1])).toEqual([[1, 2], [4, 4]]);
    expect(clipSpans([0, 0])).toEqual([]);
  });

  it('the summary reads the engine’s numbers at the shown step, and names a run that stopped', () => {
    // Counts far above the rates with a huge learning rate: the first update overflows exp(z).
    const d = doc({ name: 'Poisson', y_true: [[50, 80]], y_pred: [[0.5, 1.5]] }, { learningRate: 100, steps: 30 });
    const { req, opts } = sweepRequest(d);
    const run = trainRun(req, opts, trainParams(d, trainSetting(d)));
    const lines = trainingSummary(run, 0, ['SGD', null], 'float32');
    expect(lines[0].text).toBe(`Step 0 of 30: loss ${formatNumber(run.main.loss[0])}, from ${formatNumber(run.main.loss[0])} at step 0; Poisson probability of the count, mean over the 1 sample, ${formatNumber(run.main.meanTrueProb[0])}, from ${formatNumber(run.main.meanTrueProb[0])}.`);
    expect(run.main.stopped).not.toBeNull();
    expect(lines.find((l) => l.key.startsWith('stopped'))!.text).toContain(`stopped at step ${run.main.stopped!.step}`);
  });

  it('optimum lines: one per value below 1, shared by both runs once, named by the sample that alone has it', () => {
    const runOf = (d: ExampleDoc) => { const { req, opts } = sweepRequest(d); return trainRun(req, opts, trainParams(d, trainSetting(d))); };
    const f = (v: number) => formatNumber(v);
    const smoothed = runOf(doc({ ...CCE, config: { label_smoothing: 0.1 } }, { steps: 2, trainCompare: 'logits' }));
    expect(optimumRefs(smoothed.main, smoothed.compare, ['from_logits=False', 'from_logits=True'], f))
      .toEqual([{ v: smoothed.main.optimum![0], run: 0, sample: null, label: `optimum ${f(1 - 0.1 + 0.1 / 3)}` }]);
    const vsPlain = runOf(doc({ ...CCE, config: { label_smoothing: 0.1 } }, { steps: 2, trainCompare: 'smoothing' }));
    expect(optimumRefs(vsPlain.main, vsPlain.compare, ['label_smoothing=0.1', 'label_smoothing=0'], f).map((r) => r.label))
      .toEqual([`optimum ${f(1 - 0.1 + 0.1 / 3)} (label_smoothing=0.1)`]);  // the plain run's optimum is 1: no line
    const poisson = runOf(doc({ name: 'Poisson', y_true: [[1, 2], [0, 3]], y_pred: [[0.5, 1.5], [0.2, 1]] }, { steps: 2 }));
    const opt = poisson.main.optimum!;
    const byValue = [0, 1].sort((a, b) => opt[a] - opt[b]);
    expect(optimumRefs(poisson.main, null, ['SGD', null], f).map((r) => [r.sample, r.label]))
      .toEqual(byValue.map((j) => [j, `optimum ${f(opt[j])}, sample ${j}`]));
  });

  it('does not apply where Keras has no gradient', () => {
    expect(notApplicable(doc({ ...CCE, kerasBackend: 'numpy' }), 'training')).toContain('no automatic differentiation');
    expect(notApplicable(doc({ ...CCE, kerasBackend: 'jax' }), 'training')).toBeNull();
    expect(notApplicable(doc({ kind: 'metric', name: 'Poisson', updates: [] }), 'training')).toBe('This metric has no update_state calls yet.');
  });
});
