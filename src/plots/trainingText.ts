/**
 * What the training chart says in words at the shown step, every number the engine's: the loss
 * and mean true-class probability of each run, where the optimum lies (and why it is not 1), the
 * entries frozen at a clip bound, a run that stopped, and the engine's warnings. Pure.
 */
import type { TrainRun, TrainTrace, TrueProbKind } from '../engine/train';
import type { DType } from '../engine/types';
import { formatNumber } from '../ui/common/format';
import { optimumLevels } from './trainingData';

/** What the probability plot's y is, per family (see the engine's truth.ts). */
export const TRUE_PROB_LABELS: Record<TrueProbKind, string> = {
  class: 'probability of the true class',
  label: 'probability of the label class',
  entries: 'probability of each entry’s label (mean)',
  count: 'Poisson probability of the count (mean)',
  sequence: 'probability of the label sequence',
};

/** "all 3 samples", "the 1 sample". */
export const allSamples = (n: number): string => (n === 1 ? 'the 1 sample' : `all ${n} samples`);

export interface SummaryLine {
  key: string;
  text: string;
  tone?: 'warn';
}

function optimumText(t: TrainTrace, f: (x: number) => string): string | null {
  if (!t.optimum) return null;
  const levels = optimumLevels(t.optimum);
  const ls = typeof t.config.label_smoothing === 'number' ? t.config.label_smoothing : 0;
  if (!levels.length) return 'No closed-form optimum for this setting (a focal loss with γ > 0 and smoothed or soft labels): the run shows where it goes.';
  if (levels.length === 1 && levels[0] === 1) return 'The optimum is 1: approached as the logits grow, never reached by finite logits.';
  if (levels.length === 1) {
    const why = ls > 0 ? ` = 1 − ls + ls/C with label_smoothing = ${f(ls)}: the smoothed target pulls it below 1, and the run settles there` : '';
    return `The loss is smallest where the probability is ${f(levels[0])}${why}.`;
  }
  const per = t.samples.map((s, j) => `sample ${s}: ${f(t.optimum![j])}`).slice(0, 6).join(', ');
  return `The loss is smallest at a different probability for each sample (${per}${t.samples.length > 6 ? ', …' : ''}).`;
}

export function trainingSummary(run: TrainRun, k: number, labels: [string, string | null], dtype: DType): SummaryLine[] {
  const f = (x: number) => formatNumber(x, dtype);
  const { main, compare } = run;
  const lines: SummaryLine[] = [{
    key: 'main',
    text: `Step ${k} of ${main.steps}${compare ? ` (${labels[0]})` : ''}: loss ${f(main.loss[k])}, from ${f(main.loss[0])} at step 0; `
      + `${TRUE_PROB_LABELS[main.trueProbKind].replace(' (mean)', '')}, mean over ${allSamples(main.count)}, ${f(main.meanTrueProb[k])}, from ${f(main.meanTrueProb[0])}.`,
  }];
  if (compare) {
    lines.push({ key: 'compare', text: `${labels[1]}: loss ${f(compare.loss[k])}, mean ${f(compare.meanTrueProb[k])}.` });
  }
  const opt = optimumText(main, f);
  if (opt) lines.push({ key: 'optimum', text: opt });
  const copt = compare ? optimumText(compare, f) : null;
  if (copt && copt !== opt) lines.push({ key: 'optimum-compare', text: `${labels[1]}: ${copt[0].toLowerCase()}${copt.slice(1)}` });
  for (const [t, label] of [[main, labels[0]], [compare, labels[1]]] as const) {
    if (!t) continue;
    const name = compare ? ` (${label})` : '';
    if (t.clipped[k] > 0) {
      lines.push({ key: `clipped:${label}`, tone: 'warn', text: `At step ${k}${name}, ${t.clipped[k]} entr${t.clipped[k] > 1 ? 'ies sit' : 'y sits'} at Keras’s clip bound with a gradient of exactly 0: the clip freezes ${t.clipped[k] > 1 ? 'them' : 'it'}.` });
    }
    if (t.stopped) lines.push({ key: `stopped:${label}`, tone: 'warn', text: `The run${name} stopped at step ${t.stopped.step}: ${t.stopped.reason}` });
  }
  for (const w of main.warnings) lines.push({ key: `w:${w.code}`, tone: 'warn', text: w.message });
  return lines;
}
