/**
 * One editable cell: an <input> that keeps the user's text while typing ("0." stays "0."), sends
 * every change to the store (a valid number updates the document, anything else is kept as a
 * draft and marked invalid in place), and hands navigation keys to the grid.
 */
import { memo, useEffect, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { cellText } from '../../document/nonFiniteText';
import { parseCell } from '../../document/tensorFields';

export interface GridCellProps {
  path: number[];
  pathKey: string;
  label: string;
  value: number;
  draft?: string;
  active: boolean;
  className: string;
  describedBy?: string;
  /** 1-based column in the whole table (aria-colindex), when the table draws only some columns. */
  colIndex?: number;
  onText(path: number[], text: string): void;
  onRevert(path: number[]): void;
  onNav(e: KeyboardEvent<HTMLInputElement>, path: number[]): void;
  onFocusCell(path: number[]): void;
  onHover(path: number[] | null): void;
  onPasteText(e: ClipboardEvent<HTMLInputElement>, path: number[]): void;
}

function GridCellImpl(p: GridCellProps) {
  const [text, setText] = useState<string | null>(null);
  // The document changed under us (undo, a helper): show its value unless our text already says it.
  useEffect(() => {
    setText((t) => (t !== null && p.draft === undefined && !Object.is(parseCell(t), p.value) ? null : t));
  }, [p.value, p.draft]);
  const invalid = p.draft !== undefined;
  const shown = text ?? p.draft ?? cellText(p.value);
  return (
    <td role="gridcell" className={p.className} aria-colindex={p.colIndex}>
      <input
        type="text"
        inputMode="decimal"
        spellCheck={false}
        autoComplete="off"
        className="cell-input"
        data-path={p.pathKey}
        aria-label={p.label}
        aria-invalid={invalid || undefined}
        aria-describedby={p.describedBy}
        tabIndex={p.active ? 0 : -1}
        value={shown}
        size={Math.max(4, Math.min(10, shown.length + 1))}
        onChange={(e) => {
          setText(e.target.value);
          p.onText(p.path, e.target.value);
        }}
        onFocus={(e) => {
          p.onFocusCell(p.path);
          e.currentTarget.select();
        }}
        onBlur={() => setText(null)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && (text !== null || invalid)) {
            setText(null);
            p.onRevert(p.path);
            return;
          }
          p.onNav(e, p.path);
        }}
        onPaste={(e) => p.onPasteText(e, p.path)}
        onMouseEnter={() => p.onHover(p.path)}
        onMouseLeave={() => p.onHover(null)}
      />
    </td>
  );
}

/** `path` is rebuilt on every grid render; its key says the same, so compare that instead. */
const sameProps = (a: GridCellProps, b: GridCellProps) => (Object.keys(a) as (keyof GridCellProps)[])
  .every((k) => k === 'path' ? a.pathKey === b.pathKey : Object.is(a[k], b[k])) && Object.keys(a).length === Object.keys(b).length;

export const GridCell = memo(GridCellImpl, sameProps);
