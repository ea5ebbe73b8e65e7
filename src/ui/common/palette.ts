/**
 * The sample colours shared by the grids and the charts: Okabe & Ito (2008) hues, colour-blind
 * safe, ordered for contrast (yellow last). A sample has the same colour wherever it is drawn. The
 * colours themselves are CSS custom properties (src/styles/chart-theme.css), one set per theme.
 */
export const OKABE_ITO = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'] as const;

/** Number of distinct sample colours before they repeat. */
export const SAMPLE_COLOURS = 7;

/** Colour of sample i (flat per-sample index): a `var(--sample-k)` reference. */
export function sampleColour(i: number): string {
  return `var(--sample-${((i % SAMPLE_COLOURS) + SAMPLE_COLOURS) % SAMPLE_COLOURS})`;
}
