/**
 * The data behind a chart as a table that screen readers reach (visually hidden). Long data is
 * sampled evenly (first and last rows kept) and the caption says so. Re-renders only when its
 * `version` changes, so hovering a chart does not rebuild the table.
 */
import { memo } from 'react';
import { MAX_TABLE_ROWS } from './theme';

export interface TableData {
  caption: string;
  columns: string[];
  rows: (string | number)[][];
  /** Rows the data has when `rows` already holds only a sample of them (sampleRows), so long data is never formatted whole. */
  total?: number;
}

const hidden = {
  position: 'absolute', width: 1, height: 1, padding: 0, margin: -1, overflow: 'hidden',
  clip: 'rect(0, 0, 0, 0)', whiteSpace: 'nowrap', border: 0,
} as const;

/** At most `max` rows, evenly spaced, always including the first and the last. */
export function sampleRows<T>(rows: T[], max = MAX_TABLE_ROWS): T[] {
  if (rows.length <= max) return rows;
  return Array.from({ length: max }, (_, i) => rows[Math.round((i * (rows.length - 1)) / (max - 1))]);
}

interface Props {
  id: string;
  data: TableData;
  /** Identity of the data (e.g. the job key): the table re-renders only when it changes. */
  version?: string;
}

function Table({ id, data }: Props) {
  const rows = sampleRows(data.rows);
  const total = data.total ?? data.rows.length;
  const note = rows.length < total ? ` (${rows.length} of ${total} rows, evenly spaced)` : '';
  return (
    // A table takes its content's size whatever its width says, so the clipping box is a <div>:
    // otherwise the hidden rows still stretch the page (sideways scroll in a 600-pixel embed).
    <div style={hidden}>
      <table data-testid={`plot.${id}.table`}>
        <caption>{data.caption}{note}</caption>
        <thead><tr>{data.columns.map((c) => <th key={c} scope="col">{c}</th>)}</tr></thead>
        <tbody>
          {rows.map((r, i) => <tr key={i}>{r.map((c, j) => (j === 0 ? <th key={j} scope="row">{c}</th> : <td key={j}>{c}</td>))}</tr>)}
        </tbody>
      </table>
    </div>
  );
}

export const DataTable = memo(Table, (a, b) => a.id === b.id && (a.version !== undefined && a.version === b.version || a.data === b.data));
