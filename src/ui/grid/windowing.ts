/**
 * Which part of a big grid is drawn. Vertically a pager shows GRID_WINDOW table rows at a time
 * (rank 3+: rows counted through every table, pages aligned to whole tables when they fit);
 * horizontally, tables wider than WIDE_COLUMNS columns draw only the columns scrolled into view
 * (cells of a fixed width, spacers standing in for the rest). Pure: tested without a DOM.
 */
import { pagedLength, type AxisWindow, type GridGeometry } from './layout';

/** Table rows (or a rank-1 row's entries) drawn at a time; more than this gets a pager. */
export const GRID_WINDOW = 50;
/** Tables with more columns than this draw only the columns on screen. */
export const WIDE_COLUMNS = 50;
/** Width of one column of a wide table (cell and padding), in CSS pixels. */
export const COLUMN_PX = 86;
/** Columns drawn beyond each edge of the view, so a short scroll shows cells already there. */
export const OVERSCAN_COLUMNS = 4;
/** Width assumed before the grid has been laid out (and where there is no layout: tests). */
export const FALLBACK_VIEW_PX = 1000;

export const isPaged = (g: GridGeometry): boolean => pagedLength(g) > GRID_WINDOW;
export const isWide = (g: GridGeometry): boolean => !g.entriesAsColumns && g.cols > WIDE_COLUMNS;

/** Rows per page: GRID_WINDOW, or for rank 3+ as many whole tables as fit in it. */
export function pageSize(g: GridGeometry): number {
  if (g.lead.length === 0 || g.rows > GRID_WINDOW || g.rows === 0) return GRID_WINDOW;
  return Math.floor(GRID_WINDOW / g.rows) * g.rows;
}

/** The page shown for a requested first row (a start past the end shows the last page). */
export function pageAt(g: GridGeometry, start: number): AxisWindow {
  const total = pagedLength(g);
  if (!isPaged(g)) return { start: 0, end: total };
  const size = pageSize(g);
  const s = start < total ? Math.max(0, start) : Math.max(0, total - size);
  return { start: s, end: Math.min(total, s + size) };
}

/** The first row of the page that shows paged index k, moving the page as little as possible. */
export function startToShow(g: GridGeometry, page: AxisWindow, k: number): number {
  if (k >= page.start && k < page.end) return page.start;
  return k >= page.end ? k - pageSize(g) + 1 : k;
}

/** Columns [start, end) of a wide table that intersect the view (`offset` = scrollLeft). */
export function visibleColumns(offset: number, viewPx: number, count: number, colPx = COLUMN_PX): AxisWindow {
  const start = Math.max(0, Math.min(count, Math.floor(Math.max(0, offset) / colPx)));
  const end = Math.max(start, Math.min(count, Math.ceil((Math.max(0, offset) + Math.max(0, viewPx)) / colPx)));
  return { start, end };
}

/**
 * The columns to draw for what is visible: the drawn ones while they still cover it (a small
 * scroll re-renders nothing), otherwise the visible ones with OVERSCAN_COLUMNS either side.
 */
export function columnWindow(drawn: AxisWindow | null, visible: AxisWindow, count: number, overscan = OVERSCAN_COLUMNS): AxisWindow {
  if (drawn && drawn.end <= count && drawn.start <= visible.start && visible.end <= drawn.end) return drawn;
  return { start: Math.max(0, visible.start - overscan), end: Math.min(count, visible.end + overscan) };
}

/** Pixels the spacers before and after the drawn columns stand for. */
export function spacerWidths(drawn: AxisWindow, count: number, colPx = COLUMN_PX): [number, number] {
  return [drawn.start * colPx, Math.max(0, count - drawn.end) * colPx];
}

const fmt = (n: number) => n.toLocaleString('en-US');

/** The pager's words for a page: "Rows 51–100 of 10,000", "Samples 3–4 of 8", "Sample 2 of 2, rows 51–100 of 500". */
export function pagerText(g: GridGeometry, page: AxisWindow): string {
  const total = pagedLength(g);
  if (g.entriesAsColumns) return `Entries ${fmt(page.start + 1)}–${fmt(page.end)} of ${fmt(total)}`;
  if (g.lead.length === 0) return `Rows ${fmt(page.start + 1)}–${fmt(page.end)} of ${fmt(total)}`;
  const first = Math.floor(page.start / g.rows);
  const last = Math.floor((page.end - 1) / g.rows);
  const whole = page.start % g.rows === 0 && (page.end % g.rows === 0 || page.end === total);
  if (first === last && !whole) {
    return `Sample ${fmt(first + 1)} of ${fmt(g.tables)}, rows ${fmt(page.start - first * g.rows + 1)}–${fmt(page.end - first * g.rows)} of ${fmt(g.rows)}`;
  }
  const samples = first === last ? `Sample ${fmt(first + 1)}` : `Samples ${fmt(first + 1)}–${fmt(last + 1)}`;
  return `${samples} of ${fmt(g.tables)}${whole ? '' : ` (rows ${fmt(page.start + 1)}–${fmt(page.end)} of ${fmt(total)} in all)`}`;
}

/** The first row of the page a "Go to" number opens (1-based row, entry or sample), or null when out of range. */
export function jumpStart(g: GridGeometry, k: number): number | null {
  const units = g.lead.length ? g.tables : pagedLength(g);
  if (!Number.isInteger(k) || k < 1 || k > units) return null;
  if (g.lead.length) return (k - 1) * g.rows;
  return Math.floor((k - 1) / GRID_WINDOW) * GRID_WINDOW;
}
