/**
 * Every visual constant of the charts in one place: margins, sizes, the Okabe–Ito palette
 * (colour-blind safe) and the colour of each sample, the same wherever a sample is drawn.
 */
import { interpolateBlues, interpolatePuOr } from 'd3-scale-chromatic';

export { OKABE_ITO, SAMPLE_COLOURS, sampleColour } from '../ui/common/palette';

/*
 * Colours are CSS custom properties (src/styles/chart-theme.css): the charts follow the page's
 * light or dark theme, and an export resolves them to the values on screen.
 */
/** The reduced loss and other "all samples" marks. */
export const REDUCED_COLOUR = 'var(--chart-reduced)';
/** Colours for compared settings (curve variants), distinct from the first sample's blue. */
export const VARIANT_COLOURS = ['var(--sample-0)', 'var(--sample-5)', 'var(--sample-2)', 'var(--sample-3)', 'var(--sample-1)', 'var(--sample-4)'] as const;

export const INK = 'var(--chart-ink)';
export const MUTED = 'var(--chart-muted)';
export const GRID = 'var(--chart-grid)';
export const CLIP_FILL = 'var(--chart-clip)';
export const DEAD_COLOUR = 'var(--chart-dead)';
export const HIGHLIGHT = 'var(--chart-reduced)';
/** The panel behind the charts (halos, marker outlines). */
export const BACKGROUND = 'var(--chart-bg)';

export const FONT_SIZE = 11;
export const MARGIN = { top: 14, right: 58, bottom: 42, left: 58 } as const;
export const HEIGHT = 260;
export const SMALL_HEIGHT = 150;
export const DEFAULT_WIDTH = 640;
export const MIN_WIDTH = 280;

export const LINE = { sample: 1.25, reduced: 3, curve: 2, highlighted: 3 } as const;

/** Occupancy 0..1 (sequential); gradients (diverging, colour-blind safe). */
export const occupancyColour = (v: number): string => interpolateBlues(0.05 + 0.95 * Math.max(0, Math.min(1, v)));
export const divergingColour = (v: number): string => interpolatePuOr(0.5 - 0.5 * Math.max(-1, Math.min(1, v)));

/** Most bars, lines and table rows drawn individually; beyond this, aggregate paths and a note. */
export const MAX_BARS = 300;
export const MAX_TABLE_ROWS = 60;
