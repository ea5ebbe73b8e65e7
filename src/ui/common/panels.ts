/** The page's panels, parts and chart tabs as people name them (ids: PAGE_PARTS, CHART_TABS). */
import type { ChartTab, PagePart } from '../../document/document';

export const PART_LABELS: Record<PagePart, string> = {
  inputs: 'Inputs',
  params: 'Parameters',
  result: 'Result',
  explain: 'Explain',
  charts: 'Charts',
  pitfalls: 'Pitfalls (in the result)',
  backends: 'Compare backends (in the result)',
  'chart-tabs': 'Chart tabs (show only the chosen chart)',
};

/** The panels of the first row, in order: the layout sizes its columns to the ones shown. */
export const TOP_ROW: readonly PagePart[] = ['inputs', 'params', 'result'];

/** The chart tabs as their buttons name them. */
export const TAB_LABELS: Record<ChartTab, string> = {
  'per-sample': 'Per-sample',
  gradient: 'Gradient',
  focal: 'Focal γ',
  smoothing: 'Smoothing',
  ctc: 'CTC lattice',
  training: 'Training',
};
