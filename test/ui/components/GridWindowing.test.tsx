// @vitest-environment jsdom
/**
 * Big grids draw only what is in view: which rows and columns render for a page and a scroll
 * position (the windowing maths), and the same through the real editor in jsdom, where a scroll
 * is a scrollLeft and a scroll event (jsdom has no layout: the view is FALLBACK_VIEW_PX wide).
 */
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultDoc, type ExampleDoc } from '../../../src/document/document';
import { InputsPanel } from '../../../src/ui/inputs/InputsPanel';
import { cellPath, gridGeometry, locate, windowLayout } from '../../../src/ui/grid/layout';
import {
  COLUMN_PX, columnWindow, FALLBACK_VIEW_PX, OVERSCAN_COLUMNS, pageAt, pagerText, pageSize, spacerWidths, startToShow, visibleColumns,
} from '../../../src/ui/grid/windowing';
import { doc, renderWired, teardown } from './setup';

afterEach(() => { teardown(); vi.unstubAllGlobals(); });

const zeros = (...shape: number[]): unknown => (shape.length ? Array.from({ length: shape[0] }, () => zeros(...shape.slice(1))) : 0);
const drawnCells = (l: ReturnType<typeof windowLayout>) => l.slices.flatMap((t, i) =>
  Array.from({ length: t.rows * t.cols }, (_, k) => l.path(i, Math.floor(k / t.cols), k % t.cols).join(',')));

describe('windowing maths', () => {
  it('a scroll position shows the columns under the view, with a margin either side', () => {
    expect(visibleColumns(0, 860, 100_000)).toEqual({ start: 0, end: 10 });
    expect(visibleColumns(86 * 500 + 40, 860, 100_000)).toEqual({ start: 500, end: 511 });
    expect(visibleColumns(86 * 99_995, 860, 100_000)).toEqual({ start: 99_995, end: 100_000 });
    expect(columnWindow(null, { start: 500, end: 511 }, 100_000)).toEqual({ start: 496, end: 515 });
    // A small scroll inside what is drawn keeps it (nothing re-renders); leaving it redraws around the view.
    expect(columnWindow({ start: 496, end: 515 }, { start: 498, end: 509 }, 100_000)).toEqual({ start: 496, end: 515 });
    expect(columnWindow({ start: 496, end: 515 }, { start: 505, end: 516 }, 100_000)).toEqual({ start: 501, end: 520 });
    expect(columnWindow(null, { start: 0, end: 10 }, 12)).toEqual({ start: 0, end: 12 });
    expect(spacerWidths({ start: 496, end: 515 }, 100_000)).toEqual([496 * COLUMN_PX, (100_000 - 515) * COLUMN_PX]);
  });

  it('a 1 x 100,000 tensor draws one row of the columns in view; a 10,000 x 10 one a page of 50 rows', () => {
    const wide = gridGeometry(zeros(1, 100_000) as number[][], 'row');
    const cells = drawnCells(windowLayout(wide, null, { start: 496, end: 515 }));
    expect(cells).toHaveLength(19);
    expect(cells[0]).toBe('0,496');
    expect(cells.at(-1)).toBe('0,514');

    const tall = gridGeometry(zeros(10_000, 10) as number[][], 'row');
    expect(pageAt(tall, 0)).toEqual({ start: 0, end: 50 });
    expect(pageAt(tall, 20_000)).toEqual({ start: 9_950, end: 10_000 });  // past the end: the last page
    const last = drawnCells(windowLayout(tall, pageAt(tall, 9_950)));
    expect(last).toHaveLength(500);
    expect(last.at(-1)).toBe('9999,9');
    expect(pagerText(tall, pageAt(tall, 9_950))).toBe('Rows 9,951–10,000 of 10,000');
    // Moving to row 50 from the first page shifts the page by one row, as a spreadsheet scrolls.
    expect(startToShow(tall, { start: 0, end: 50 }, 50)).toBe(1);
    expect(startToShow(tall, { start: 100, end: 150 }, 20)).toBe(20);
  });

  it('rank 3 pages whole samples when they fit, and rows inside a sample when one is taller than a page', () => {
    const ctc = gridGeometry(zeros(5, 20, 3) as number[][][], 'row');
    expect(pageSize(ctc)).toBe(40);
    const l = windowLayout(ctc, pageAt(ctc, 40));
    expect(l.slices.map((t) => [t.prefix.join(','), t.r0, t.rows])).toEqual([['2', 0, 20], ['3', 0, 20]]);
    expect(pagerText(ctc, pageAt(ctc, 40))).toBe('Samples 3–4 of 5');
    expect(pagerText(ctc, pageAt(ctc, 80))).toBe('Sample 5 of 5');
    // One row down from the bottom of a page: the page moves by a row and says where it is.
    expect(pagerText(ctc, pageAt(ctc, 1))).toBe('Samples 1–3 of 5 (rows 2–41 of 100 in all)');

    const tallSample = gridGeometry(zeros(2, 500, 4, 3) as number[][][][], 'row');
    expect(tallSample.tables).toBe(1000);
    const long = gridGeometry(zeros(2, 500, 3) as number[][][], 'row');
    const mid = windowLayout(long, pageAt(long, 550));
    expect(mid.slices.map((t) => [t.prefix.join(','), t.r0, t.rows])).toEqual([['1', 50, 50]]);
    expect(mid.path(0, 0, 2)).toEqual([1, 50, 2]);
    expect(pagerText(long, pageAt(long, 550))).toBe('Sample 2 of 2, rows 51–100 of 500');
    expect(locate(long, [1, 50, 2])).toEqual({ s: 1, r: 50, c: 2 });
    expect(cellPath(tallSample, locate(tallSample, [1, 499, 3, 2]))).toEqual([1, 499, 3, 2]);
  });
});

const cce = (B: number, C: number): ExampleDoc => ({
  ...defaultDoc(), name: 'CategoricalCrossentropy', config: {},
  y_true: Array.from({ length: B }, (_, i) => Array.from({ length: C }, (_, j) => (j === i % C ? 1 : 0))),
  y_pred: Array.from({ length: B }, () => Array.from({ length: C }, () => 0.5)),
});
const cell = (name: string) => screen.queryByRole('textbox', { name });
const scroller = (name: string) => screen.getByRole('grid', { name }).closest('.grid-scroll') as HTMLElement;

describe('a wide grid in the editor', () => {
  const inView = Math.ceil(FALLBACK_VIEW_PX / COLUMN_PX) + OVERSCAN_COLUMNS;

  it('draws the columns in view, and the ones scrolled to', () => {
    renderWired(<InputsPanel />, cce(2, 1000));
    const grid = screen.getByRole('grid', { name: 'y_pred' });
    expect(grid.getAttribute('aria-colcount')).toBe('1001');
    expect(within(grid).getAllByRole('gridcell')).toHaveLength(2 * inView);
    expect(cell(`y_pred[1, ${inView - 1}]`)).toBeTruthy();
    expect(cell(`y_pred[1, ${inView}]`)).toBeNull();
    expect(cell(`y_pred[1, ${inView - 1}]`)!.closest('td')!.getAttribute('aria-colindex')).toBe(String(inView + 1));

    const el = scroller('y_pred');
    el.scrollLeft = COLUMN_PX * 600;
    fireEvent.scroll(el);
    expect(cell('y_pred[0, 0]')).toBeNull();
    expect(cell('y_pred[0, 600]')).toBeTruthy();
    expect(cell(`y_pred[1, ${600 + inView - 1}]`)).toBeTruthy();
    expect(cell(`y_pred[1, ${600 + inView}]`)).toBeNull();
    const spacer = grid.querySelector('tbody .grid-spacer') as HTMLElement;
    expect(spacer.style.width).toBe(`${(600 - OVERSCAN_COLUMNS) * COLUMN_PX}px`);
    // y_true scrolls on its own.
    expect(cell('y_true[0, 0]')).toBeTruthy();
  });

  it('the keyboard reaches the last column and the last row, and edits there', async () => {
    const user = userEvent.setup();
    renderWired(<InputsPanel />, cce(52, 80));
    await user.click(cell('y_pred[0, 0]')!);
    await user.keyboard('{Control>}{End}{/Control}');
    expect(document.activeElement).toBe(cell('y_pred[51, 79]'));
    expect(within(screen.getByRole('group', { name: 'y_pred rows' })).getByText('Rows 3–52 of 52')).toBeTruthy();
    await user.keyboard('{ArrowLeft}');
    expect(document.activeElement).toBe(cell('y_pred[51, 78]'));
    await user.keyboard('7');  // the focused cell's text is selected: typing replaces it
    expect((doc().y_pred as number[][])[51][78]).toBe(7);
    await user.keyboard('{Control>}{Home}{/Control}');
    expect(document.activeElement).toBe(cell('y_pred[0, 0]'));
    expect((document.activeElement as HTMLInputElement).tabIndex).toBe(0);
  }, 60_000);  // jsdom re-renders the two 50-row grids on each focus move: seconds on a busy machine
});

/** A stand-in IntersectionObserver (jsdom has none, and without one everything draws at once). */
function watchIntersections() {
  const watched: { cb: (e: { isIntersecting: boolean }[]) => void; el: Element }[] = [];
  vi.stubGlobal('IntersectionObserver', class {
    constructor(private cb: (e: { isIntersecting: boolean }[]) => void) {}
    observe(el: Element) { watched.push({ cb: this.cb, el }); }
    disconnect() {}
  });
  /** The element holding `text` comes near the screen. */
  return (text: string) => act(() => watched.filter((w) => w.el.textContent?.includes(text)).at(-1)!.cb([{ isIntersecting: true }]));
}

describe('large grids off screen', () => {
  it('a large grid holds its place until it comes near, or its pager is used', () => {
    const near = watchIntersections();
    renderWired(<InputsPanel />, cce(60, 5));
    // 50 rows x 5 = 250 cells in each grid: none drawn until near the screen.
    expect(screen.queryAllByRole('gridcell')).toHaveLength(0);
    near('Show y_true (250 cells)');
    expect(cell('y_true[49, 4]')).toBeTruthy();
    expect(cell('y_pred[0, 0]')).toBeNull();
    fireEvent.click(within(screen.getByRole('group', { name: 'y_pred rows' })).getByRole('button', { name: 'Next' }));
    expect(cell('y_pred[59, 4]')).toBeTruthy();
  }, 60_000);

  it('a metric with many large updates draws the editors near the screen', () => {
    const near = watchIntersections();
    const u = { y_true: Array.from({ length: 60 }, (_, i) => i % 3), y_pred: Array.from({ length: 60 }, () => [0.2, 0.3, 0.5, 0, 0]), sample_weight: null };
    renderWired(<InputsPanel />, { ...defaultDoc(), kind: 'metric', name: 'SparseCategoricalCrossentropy', updates: [u, u, u] });
    expect(screen.queryAllByRole('gridcell')).toHaveLength(0);
    near('Show updates.0.y_pred');
    expect(cell('updates.0.y_pred[49, 4]')).toBeTruthy();
    expect(cell('updates.1.y_pred[0, 0]')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Show updates.1.y_true' }));
    expect(cell('updates.1.y_true[0]')).toBeTruthy();
    expect(cell('updates.2.y_true[0]')).toBeNull();
  }, 60_000);
});
