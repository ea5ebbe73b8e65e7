/**
 * A spreadsheet-like, accessible grid for one tensor: one tab stop (roving tabindex), arrows /
 * Enter / Home / End / PageUp / PageDown move between cells, Escape reverts a cell. Rank-3
 * tensors show one table per leading index. Cell contents and highlight classes come from props.
 */
import { useCallback, useMemo, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import type { Nested } from '../../engine/types';
import { getAt } from '../../state/nested';
import { pathKey } from '../marks';
import { GridCell } from './GridCell';
import { gridLayout, locate, moveFrom, type Orientation } from './layout';

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
  const layout = useMemo(() => gridLayout(p.value, p.orientation), [p.value, p.orientation]);
  const [active, setActive] = useState<string>('');
  const root = useRef<HTMLDivElement>(null);
  const first = pathKey(layout.path(0, 0, 0));
  const activeKey = getAt(p.value, active ? active.split(':').map(Number) : []) !== undefined && active !== '' ? active : first;

  const focusPath = useCallback((path: number[]) => {
    const el = root.current?.querySelector<HTMLInputElement>(`input[data-path="${pathKey(path)}"]`);
    el?.focus();
  }, []);

  const { onFocusCell: focusCb, onPasteText } = p;
  const onNav = useCallback((e: KeyboardEvent<HTMLInputElement>, path: number[]) => {
    let key = e.key;
    if (key === 'Enter' && e.shiftKey) key = 'ArrowUp';
    if ((key === 'ArrowLeft' || key === 'ArrowRight') && !atEdge(e.currentTarget, key === 'ArrowLeft' ? 'left' : 'right')) return;
    if ((key === 'Home' || key === 'End') && !e.ctrlKey && !e.metaKey) return;  // inside the text
    const to = moveFrom(layout, locate(layout, path), key, e.ctrlKey || e.metaKey);
    if (!to) return;
    e.preventDefault();
    focusPath(layout.path(to.s, to.r, to.c));
  }, [layout, focusPath]);

  const onFocusCell = useCallback((path: number[]) => {
    setActive(pathKey(path));
    focusCb?.(path);
  }, [focusCb]);

  const onPaste = useCallback((e: ClipboardEvent<HTMLInputElement>, path: number[]) => {
    const text = e.clipboardData.getData('text/plain');
    if (onPasteText(text, path)) e.preventDefault();
  }, [onPasteText]);

  const hoverCb = p.onHover;
  const onHover = useCallback((path: number[] | null) => hoverCb?.(path), [hoverCb]);

  return (
    <div className="tensor-grid" ref={root}>
      {layout.slices.map((t, s) => (
        <div className="grid-slice" key={pathKey(t.prefix) || 'all'}>
          {t.prefix.length > 0 && p.sliceLabel && <div className="slice-label" id={`${p.name}-slice-${pathKey(t.prefix)}`}>{p.sliceLabel(t.prefix)}</div>}
          <table role="grid" aria-label={t.prefix.length && p.sliceLabel ? `${p.name}, ${p.sliceLabel(t.prefix)}` : p.name} className="grid-table">
            <thead>
              <tr>
                <td className="corner" />
                {Array.from({ length: t.cols }, (_, c) => <th scope="col" key={c}>{p.colLabel(t.prefix, c)}</th>)}
              </tr>
            </thead>
            <tbody>
              {Array.from({ length: t.rows }, (_, r) => (
                <tr key={r}>
                  <th scope="row">{p.rowLabel(t.prefix, r)}</th>
                  {Array.from({ length: t.cols }, (_, c) => {
                    const path = layout.path(s, r, c);
                    const key = pathKey(path);
                    const v = getAt(p.value, path);
                    return (
                      <GridCell
                        key={c} path={path} pathKey={key} value={typeof v === 'number' ? v : NaN} draft={p.drafts[key]}
                        label={`${p.name}[${path.join(', ')}]`} active={key === activeKey}
                        className={p.cellClass(path, key)} describedBy={p.describedBy?.(key)}
                        onText={p.onText} onRevert={p.onRevert} onNav={onNav} onFocusCell={onFocusCell}
                        onHover={onHover} onPasteText={onPaste}
                      />
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </div>
  );
}
