/**
 * A spreadsheet-like, accessible grid for one tensor: one tab stop (roving tabindex), arrows /
 * Enter / Home / End / PageUp / PageDown move between cells, Escape reverts a cell. Rank-3
 * tensors show one table per leading index. Cell contents and highlight classes come from props.
 * Big tensors (more than GRID_WINDOW entries on the first axis) render only a window of that
 * many, with a pager; moving past the window's edge with the keyboard moves the window.
 */
import { memo, useCallback, useEffect, useMemo, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { useStableCallback } from '../common/useStableCallback';
import type { Nested } from '../../engine/types';
import { getAt } from '../../document/nested';
import { pathKey } from '../common/marks';
import { GridCell, type GridCellProps } from './GridCell';
import { gridLayout, locate, moveFrom, type GridLayout, type Orientation } from './layout';

/** Tensors with more first-axis entries than this show a window of that many, with a pager. */
export const GRID_WINDOW = 50;
/**
 * Grids showing more cells than this are skipped by the browser while off screen
 * (content-visibility: auto): hundreds of inputs cost every frame's paint otherwise.
 */
const LARGE_GRID_CELLS = 200;
/** Height of a grid row, for the size an off-screen grid reserves before it was first drawn. */
const ROW_PX = 30;

const fmt = (n: number) => n.toLocaleString('en-US');

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
}

function atEdge(input: HTMLInputElement, dir: 'left' | 'right'): boolean {
  const { selectionStart: a, selectionEnd: b, value } = input;
  if (a === null || b === null) return true;
  if (a === 0 && b === value.length) return true;  // whole text selected (just focused): navigate
  return dir === 'left' ? a === 0 && b === 0 : a === value.length && b === value.length;
}

export function TensorGrid(p: TensorGridProps) {
  const full = useMemo(() => gridLayout(p.value, p.orientation), [p.value, p.orientation]);
  const count = full.shape.length ? full.shape[0] : 0;
  const isWindowed = count > GRID_WINDOW;
  const [startState, setStart] = useState(0);
  const start = !isWindowed ? 0 : startState < count ? startState : Math.max(0, count - GRID_WINDOW);
  const end = isWindowed ? Math.min(count, start + GRID_WINDOW) : count;
  const layout = useMemo(
    () => (isWindowed ? gridLayout(p.value, p.orientation, { start, end }) : full),
    [isWindowed, full, p.value, p.orientation, start, end],
  );
  const [active, setActive] = useState<string>('');
  const [jump, setJump] = useState('');
  const root = useRef<HTMLDivElement>(null);
  const pendingFocus = useRef<string | null>(null);
  const first = pathKey(layout.path(0, 0, 0));
  const activePath = active ? active.split(':').map(Number) : [];
  const activeVisible = !isWindowed || (activePath[0] >= start && activePath[0] < end);
  const activeKey = getAt(p.value, activePath) !== undefined && active !== '' && activeVisible ? active : first;

  const focusKey = useCallback((key: string) => {
    const el = root.current?.querySelector<HTMLInputElement>(`input[data-path="${key}"]`);
    el?.focus();
    return Boolean(el);
  }, []);
  const focusPath = useCallback((path: number[]) => {
    if (isWindowed && path.length && (path[0] < start || path[0] >= end)) {
      // Off the window: move it so the target row is just inside, then focus after the render.
      pendingFocus.current = pathKey(path);
      setStart(path[0] >= end ? path[0] - GRID_WINDOW + 1 : path[0]);
      return;
    }
    focusKey(pathKey(path));
  }, [isWindowed, start, end, focusKey]);
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
    const to = moveFrom(full, locate(full, path), key, e.ctrlKey || e.metaKey);
    if (!to) return;
    e.preventDefault();
    focusPath(full.path(to.s, to.r, to.c));
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

  const rank = full.shape.length;
  const rowsShown = layout.slices.reduce((n, t) => n + t.rows + 1, 0);
  const cells = layout.slices.reduce((n, t) => n + t.rows * t.cols, 0);
  const noun = rank >= 3 ? 'Samples' : rank === 1 && p.orientation === 'row' ? 'Entries' : 'Rows';
  const one = noun === 'Entries' ? 'entry' : noun.slice(0, -1).toLowerCase();
  const onJump = (text: string) => {
    setJump(text);
    const k = Number(text);
    if (Number.isInteger(k) && k >= 1 && k <= count) setStart(Math.floor((k - 1) / GRID_WINDOW) * GRID_WINDOW);
  };
  const pager = isWindowed && (
    <div className="grid-pager" role="group" aria-label={`${p.name} ${noun.toLowerCase()}`}>
      <button type="button" className="btn small" disabled={start === 0} onClick={() => setStart(Math.max(0, start - GRID_WINDOW))}>Previous</button>
      <span className="grid-pager-range" aria-live="polite">{noun} {fmt(start + 1)}–{fmt(end)} of {fmt(count)}</span>
      <button type="button" className="btn small" disabled={end >= count} onClick={() => setStart(end)}>Next</button>
      <label className="grid-pager-jump">
        Go to {one}{' '}
        <input type="number" min={1} max={count} step={1} value={jump} inputMode="numeric"
          onChange={(e) => onJump(e.target.value)} />
      </label>
    </div>
  );

  return (
    <div className={`tensor-grid${cells > LARGE_GRID_CELLS ? ' is-large' : ''}`} ref={root}
      style={cells > LARGE_GRID_CELLS ? { containIntrinsicSize: `auto ${ROW_PX * (rowsShown + 2)}px` } : undefined}>
      {pager}
      {layout.slices.map((t, s) => (
        <div className="grid-slice" key={pathKey(t.prefix) || 'all'}>
          {t.prefix.length > 0 && p.sliceLabel && <div className="slice-label" id={`${p.name}-slice-${pathKey(t.prefix)}`}>{p.sliceLabel(t.prefix)}</div>}
          <table role="grid" aria-label={t.prefix.length && p.sliceLabel ? `${p.name}, ${p.sliceLabel(t.prefix)}` : p.name} className="grid-table"
            aria-rowcount={t.r0 !== undefined ? count + 1 : undefined}>
            <thead>
              <tr aria-rowindex={t.r0 !== undefined ? 1 : undefined}>
                <td className="corner" />
                {Array.from({ length: t.cols }, (_, c) => <th scope="col" key={c + (t.c0 ?? 0)}>{p.colLabel(t.prefix, c + (t.c0 ?? 0))}</th>)}
              </tr>
            </thead>
            <tbody>
              {Array.from({ length: t.rows }, (_, r) => {
                const prefix = commonPrefix(layout.path(s, r, 0), layout.path(s, r, t.cols - 1));
                return (
                  <GridRow
                    key={r + (t.r0 ?? 0)} name={p.name} layout={layout} slice={s} r={r} cols={t.cols} c0={t.c0 ?? 0}
                    rowIndex={t.r0 !== undefined ? t.r0 + r + 2 : undefined} rowLabel={p.rowLabel(t.prefix, r + (t.r0 ?? 0))}
                    colour={p.rowColour?.(layout.path(s, r, 0))}
                    prefixKey={pathKey(prefix)} data={getAt(p.value, prefix)} value={p.value} drafts={p.drafts} activeKey={activeKey}
                    cellClass={p.cellClass} describedBy={p.describedBy} handlers={handlers}
                  />
                );
              })}
            </tbody>
          </table>
        </div>
      ))}
    </div>
  );
}

type CellHandlers = Pick<GridCellProps, 'onText' | 'onRevert' | 'onNav' | 'onFocusCell' | 'onHover' | 'onPasteText'>;

interface GridRowProps {
  name: string;
  layout: GridLayout;
  slice: number;
  r: number;
  cols: number;
  c0: number;
  rowIndex?: number;
  rowLabel: string;
  colour?: string;
  /** Index prefix shared by the row's cells ('' when the row spans the tensor, as a rank-1 row does). */
  prefixKey: string;
  /** What the row shows (its sub-array, or the tensor for a rank-1 row): unchanged means its cells are. */
  data: Nested | undefined;
  value: Nested;
  drafts: Record<string, string>;
  activeKey: string;
  cellClass: TensorGridProps['cellClass'];
  describedBy: TensorGridProps['describedBy'];
  handlers: CellHandlers;
}

/** One table row. Edits share the rows they do not touch, so an edit re-renders one row of 50. */
const GridRow = memo(function GridRow(p: GridRowProps) {
  return (
    <tr aria-rowindex={p.rowIndex}>
      <th scope="row" className={p.colour ? 'sample-mark' : undefined} style={p.colour ? { borderLeftColor: p.colour } : undefined}>{p.rowLabel}</th>
      {Array.from({ length: p.cols }, (_, c) => {
        const path = p.layout.path(p.slice, p.r, c);
        const key = pathKey(path);
        const v = getAt(p.value, path);
        return (
          <GridCell
            key={c + p.c0} path={path} pathKey={key} value={typeof v === 'number' ? v : NaN} draft={p.drafts[key]}
            label={`${p.name}[${path.join(', ')}]`} active={key === p.activeKey}
            className={p.cellClass(path, key)} describedBy={p.describedBy?.(key)} {...p.handlers}
          />
        );
      })}
    </tr>
  );
}, (a, b) => {
  // The layout object and the whole tensor change with every edit; the row's own data says whether
  // this row did. The active cell and drafts matter only when they are in this row.
  const pre = a.prefixKey;
  const inRow = (key: string) => pre === '' || key === pre || key.startsWith(`${pre}:`);
  return pre === b.prefixKey && a.name === b.name && a.r === b.r && a.cols === b.cols && a.c0 === b.c0 && a.rowIndex === b.rowIndex
    && a.rowLabel === b.rowLabel && a.colour === b.colour && Object.is(a.data, b.data)
    && a.cellClass === b.cellClass && a.describedBy === b.describedBy && a.handlers === b.handlers
    && (a.activeKey === b.activeKey || !inRow(a.activeKey) && !inRow(b.activeKey))
    && (a.drafts === b.drafts || Object.keys({ ...a.drafts, ...b.drafts }).every((k) => !inRow(k) || a.drafts[k] === b.drafts[k]));
});

function commonPrefix(a: number[], b: number[]): number[] {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return a.slice(0, n);
}
