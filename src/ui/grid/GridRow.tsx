/**
 * One table row of a grid: its header, the drawn cells, and in a wide table a spacer on each side
 * standing in for the columns not drawn (so the scrollbar spans every column).
 */
import { memo } from 'react';
import type { Nested } from '../../engine/types';
import { getAt } from '../../document/nested';
import { pathKey } from '../common/marks';
import { GridCell, type GridCellProps } from './GridCell';
import type { GridLayout } from './layout';

export type CellHandlers = Pick<GridCellProps, 'onText' | 'onRevert' | 'onNav' | 'onFocusCell' | 'onHover' | 'onPasteText'>;

export interface GridRowProps {
  name: string;
  layout: GridLayout;
  slice: number;
  r: number;
  cols: number;
  c0: number;
  /** Spacer widths (px) before and after the drawn cells; 0 when every column is drawn. */
  spacers: [number, number];
  /** Set when the table's columns are windowed: cells carry aria-colindex. */
  colIndexed: boolean;
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
  cellClass(path: number[], key: string): string;
  describedBy?(key: string): string | undefined;
  handlers: CellHandlers;
}

export const Spacer = ({ px, head }: { px: number; head?: boolean }) => {
  if (px <= 0) return null;
  const style = { width: px, minWidth: px, padding: 0 };
  return head ? <th aria-hidden="true" className="grid-spacer" style={style} /> : <td aria-hidden="true" className="grid-spacer" style={style} />;
};

/** Edits share the rows they do not touch, so an edit re-renders one row of those drawn. */
export const GridRow = memo(function GridRow(p: GridRowProps) {
  return (
    <tr aria-rowindex={p.rowIndex}>
      <th scope="row" className={p.colour ? 'sample-mark' : undefined} style={p.colour ? { borderLeftColor: p.colour } : undefined}>{p.rowLabel}</th>
      <Spacer px={p.spacers[0]} />
      {Array.from({ length: p.cols }, (_, c) => {
        const path = p.layout.path(p.slice, p.r, c);
        const key = pathKey(path);
        const v = getAt(p.value, path);
        return (
          <GridCell
            key={c + p.c0} path={path} pathKey={key} value={typeof v === 'number' ? v : NaN} draft={p.drafts[key]}
            label={`${p.name}[${path.join(', ')}]`} active={key === p.activeKey} colIndex={p.colIndexed ? p.c0 + c + 2 : undefined}
            className={p.cellClass(path, key)} describedBy={p.describedBy?.(key)} {...p.handlers}
          />
        );
      })}
      <Spacer px={p.spacers[1]} />
    </tr>
  );
}, (a, b) => {
  // The layout object and the whole tensor change with every edit; the row's own data says whether
  // this row did. The active cell and drafts matter only when they are in this row.
  const pre = a.prefixKey;
  const inRow = (key: string) => pre === '' || key === pre || key.startsWith(`${pre}:`);
  return pre === b.prefixKey && a.name === b.name && a.r === b.r && a.cols === b.cols && a.c0 === b.c0 && a.rowIndex === b.rowIndex
    && a.spacers[0] === b.spacers[0] && a.spacers[1] === b.spacers[1] && a.colIndexed === b.colIndexed
    && a.rowLabel === b.rowLabel && a.colour === b.colour && Object.is(a.data, b.data)
    && a.cellClass === b.cellClass && a.describedBy === b.describedBy && a.handlers === b.handlers
    && (a.activeKey === b.activeKey || !inRow(a.activeKey) && !inRow(b.activeKey))
    && (a.drafts === b.drafts || Object.keys({ ...a.drafts, ...b.drafts }).every((k) => !inRow(k) || a.drafts[k] === b.drafts[k]));
});
