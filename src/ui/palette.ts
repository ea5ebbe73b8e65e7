/**
 * The sample colours shared by the grids and the charts: Okabe & Ito (2008), colour-blind safe,
 * ordered for contrast on white (yellow last). A sample has the same colour wherever it is drawn.
 */
export const OKABE_ITO = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'] as const;

/** Colour of sample i (flat per-sample index). */
export function sampleColour(i: number): string {
  return OKABE_ITO[((i % 7) + 7) % 7];
}
