/**
 * A spreadsheet-like, accessible grid for one tensor: one tab stop (roving tabindex), arrows /
 * Enter / Home / End / PageUp / PageDown move between cells, Escape reverts a cell. Rank-3
 * tensors show one table per leading index. Cell contents and highlight classes come from props.
 * Big tensors draw only part of themselves (windowing.ts): a page of GRID_WINDOW rows with a
 * pager, and in tables wider than WIDE_COLUMNS only the columns scrolled into view. Moving past
 * what is drawn with the keyboard moves the page or the columns, so every cell stays reachable.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { useStableCallback } from '../common/useStableCallback';
import type { Nested } from '../../engine/types';
import { getAt } from '../../document/nested';
import { pathKey } from '../common/marks';
import { GridPager } from './GridPager';
import { GridRow, Spacer } from './GridRow';
import { gridGeometry, locate, moveFrom, cellPath, pagedIndex, windowLayout, type Orientation } from './layout';
import { useColumnWindow } from './useColumnWindow';
import { useNearScreen } from './useNearScreen';
import { COLUMN_PX, isPaged, isWide, pageAt, spacerWidths, startToShow } from './windowing';

/**
 * Grids showing more cells than this are skipped by the browser while off screen
 * (content-visibility: auto): hundreds of inputs cost every frame's paint otherwise.
 */
const LARGE_GRID_CELLS = 200;
/** Height of a grid row, for the size an off-screen grid reserves before it was first drawn. */
const ROW_PX = 30;

export interface TensorGridProps {
  name: string;
  value: Nested;
  orientation: Orientation;
  /** Draft text by path key (`1:2`). */
  drafts: Record<string, string>;
  cellClass(path: number[], key: string): string;
  describedBy?(key: string): string | undefined;
  rowLabel(prefix: number[], r: number): string;
  colLabel(prefix: number[], c: number): string;
  sliceLabel?(prefix: number[]): string;
  /** Colour of the sample a row belongs to (its mark in the row header), when rows are samples. */
  rowColour?(firstCell: number[]): string | undefined;
  onText(path: number[], text: string): void;
  onRevert(path: number[]): void;
  /** Return true when the paste was handled (a whole tensor); false lets the cell take the text. */
  onPasteText(text: string, path: number[]): boolean;
  onFocusCell?(path: number[]): void;
  onHover?(path: number[] | null): void;
  /** Draw a large grid only near the screen (false when the editor around it already does). */
  holdOffScreen?: boolean;
}

function atEdge(input: HTMLInputElement, dir: 'left' | 'right'): boolean {
  const { selectionStart: a, selectionEnd: b, value } = input;
  if (a === null || b === null) return true;
  if (a === 0 && b === value.length) return true;  // whole text selected (just focused): navigate
  return dir === 'left' ? a === 0 && b === 0 : a === value.length && b === value.length;
}

export function TensorGrid(p: TensorGridProps) {
  const g = useMemo(() => gridGeometry(p.value, p.orientation), [p.value, p.orientation]);
  const paged = isPaged(g);
  const wide = isWide(g);
  const [startState, setStart] = useState(0);
  const page = pageAt(g, startState);
  const { start, end } = page;
  const [scroller, setScroller] = useState<HTMLDivElement | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const columns = useColumnWindow(scroller, g.cols, wide);
  const c0 = columns.cols?.start ?? 0;
  const c1 = columns.cols?.end ?? g.cols;
  const layout = useMemo(
    () => windowLayout(g, paged ? { start, end } : null, wide ? { start: c0, end: c1 } : null),
    [g, paged, start, end, wide, c0, c1],
  );
  const [active, setActive] = useState<string>('');
  const pendingFocus = useRef<string | null>(null);
  const first = layout.slices.length ? pathKey(layout.path(0, 0, 0)) : '';
  const activePath = active ? active.split(':').map(Number) : [];
  const drawn = (at: { s: number; r: number; c: number }) => {
    const k = pagedIndex(g, at);
    return (!paged || k >= start && k < end) && (!wide || at.c >= c0 && at.c < c1);
  };
  const activeKey = active !== '' && getAt(p.value, activePath) !== undefined && drawn(locate(g, activePath)) ? active : first;

  const focusKey = useCallback((key: string) => {
    const el = root.current?.querySelector<HTMLInputElement>(`input[data-path="${key}"]`);
    el?.focus();
    return Boolean(el);
  }, []);
  const focusPath = (path: number[]) => {
    const at = locate(g, path);
    if (drawn(at)) return void focusKey(pathKey(path));
    // Not drawn: move the page and / or the columns so it is, then focus after the render.
    pendingFocus.current = pathKey(path);
    if (paged) setStart(startToShow(g, page, pagedIndex(g, at)));
    if (wide) columns.reveal(at.c);
  };
  useEffect(() => {
    if (pendingFocus.current !== null && focusKey(pendingFocus.current)) pendingFocus.current = null;
  });

  // Every handler a cell gets is stable (the layout changes with each edit), so the memoised cells
  // that did not change skip their render.
  const onNav = useStableCallback((e: KeyboardEvent<HTMLInputElement>, path: number[]) => {
    let key = e.key;
    if (key === 'Enter' && e.shiftKey) key = 'ArrowUp';
    if ((key === 'ArrowLeft' || key === 'ArrowRight') && !atEdge(e.currentTarget, key === 'ArrowLeft' ? 'left' : 'right')) return;
    if ((key === 'Home' || key === 'End') && !e.ctrlKey && !e.metaKey) return;  // inside the text
    const to = moveFrom(g, locate(g, path), key, e.ctrlKey || e.metaKey);
    if (!to) return;
    e.preventDefault();
    focusPath(cellPath(g, to));
  });
  const onFocusCell = useStableCallback((path: number[]) => {
    setActive(pathKey(path));
    p.onFocusCell?.(path);
  });
  const onPaste = useStableCallback((e: ClipboardEvent<HTMLInputElement>, path: number[]) => {
    const text = e.clipboardData.getData('text/plain');
    if (p.onPasteText(text, path)) e.preventDefault();
  });
  const onHover = useStableCallback((path: number[] | null) => p.onHover?.(path));
  const onText = useStableCallback((path: number[], text: string) => p.onText(path, text));
  const onRevert = useStableCallback((path: number[]) => p.onRevert(path));
  const handlers = useMemo(() => ({ onText, onRevert, onNav, onFocusCell, onHover, onPasteText: onPaste }), [onText, onRevert, onNav, onFocusCell, onHover, onPaste]);

  const rowsShown = layout.slices.reduce((n, t) => n + t.rows + 1, 0);
  const cells = layout.slices.reduce((n, t) => n + t.rows * t.cols, 0);
  const spacers = wide ? spacerWidths({ start: c0, end: c1 }, g.cols) : ([0, 0] as [number, number]);
  const large = cells > LARGE_GRID_CELLS;
  const [near, show] = useNearScreen(root, large && p.holdOffScreen !== false);

  return (
    <div className={`tensor-grid${large ? ' is-large' : ''}`} ref={root}
      style={large ? { containIntrinsicSize: `auto ${ROW_PX * (rowsShown + 2)}px` } : undefined}>
      {paged && <GridPager name={p.name} geometry={g} page={page} onStart={(k) => { show(); setStart(k); }} />}
      {!near && (
        <div className="grid-offscreen" style={{ height: ROW_PX * rowsShown }}>
          <button type="button" className="btn small" onClick={show}>Show {p.name} ({cells.toLocaleString('en-US')} cells)</button>
        </div>
      )}
      {near && <div className={`grid-scroll${wide ? ' is-wide' : ''}`} ref={setScroller} onScroll={columns.onScroll}
        style={wide ? { ['--col-px' as string]: `${COLUMN_PX}px` } : undefined}>
        {layout.slices.map((t, i) => {
          const label = t.prefix.length && p.sliceLabel ? p.sliceLabel(t.prefix) : '';
          const partRows = t.rows < g.rows;
          const partCols = t.cols < g.cols;
          return (
            <div className="grid-slice" key={pathKey(t.prefix) || 'all'}>
              {label && <div className="slice-label" id={`${p.name}-slice-${pathKey(t.prefix)}`}>{label}</div>}
              <table role="grid" aria-label={label ? `${p.name}, ${label}` : p.name} className="grid-table"
                aria-rowcount={partRows ? g.rows + 1 : undefined} aria-colcount={partCols ? g.cols + 1 : undefined}>
                <thead>
                  <tr aria-rowindex={partRows ? 1 : undefined}>
                    <td className="corner" />
                    <Spacer px={spacers[0]} head />
                    {Array.from({ length: t.cols }, (_, c) => (
                      <th scope="col" key={c + t.c0} aria-colindex={partCols ? t.c0 + c + 2 : undefined}>{p.colLabel(t.prefix, c + t.c0)}</th>
                    ))}
                    <Spacer px={spacers[1]} head />
                  </tr>
                </thead>
                <tbody>
                  {Array.from({ length: t.rows }, (_, r) => {
                    const prefix = commonPrefix(layout.path(i, r, 0), layout.path(i, r, t.cols - 1));
                    return (
                      <GridRow
                        key={r + t.r0} name={p.name} layout={layout} slice={i} r={r} cols={t.cols} c0={t.c0} spacers={spacers} colIndexed={partCols}
                        rowIndex={partRows ? t.r0 + r + 2 : undefined} rowLabel={p.rowLabel(t.prefix, r + t.r0)}
                        colour={p.rowColour?.(layout.path(i, r, 0))}
                        prefixKey={pathKey(prefix)} data={getAt(p.value, prefix)} value={p.value} drafts={p.drafts} activeKey={activeKey}
                        cellClass={p.cellClass} describedBy={p.describedBy} handlers={handlers}
                      />
                    );
                  })}
                </tbody>
              </table>
            </div>
          );
        })}
      </div>}
    </div>
  );
}

function commonPrefix(a: number[], b: number[]): number[] {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return a.slice(0, n);
}
