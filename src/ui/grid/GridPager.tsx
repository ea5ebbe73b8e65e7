/** Previous / Next and "Go to" for a grid that shows one page of its rows (or entries, or samples) at a time. */
import { useState } from 'react';
import type { AxisWindow, GridGeometry } from './layout';
import { pagedLength } from './layout';
import { jumpStart, pagerText, pageSize } from './windowing';

interface Props {
  name: string;
  geometry: GridGeometry;
  page: AxisWindow;
  onStart(start: number): void;
}

export function GridPager({ name, geometry: g, page, onStart }: Props) {
  const [jump, setJump] = useState('');
  const noun = g.lead.length ? 'samples' : g.entriesAsColumns ? 'entries' : 'rows';
  const one = { samples: 'sample', entries: 'entry', rows: 'row' }[noun];
  const units = g.lead.length ? g.tables : pagedLength(g);
  const onJump = (text: string) => {
    setJump(text);
    const start = jumpStart(g, Number(text));
    if (start !== null) onStart(start);
  };
  return (
    <div className="grid-pager" role="group" aria-label={`${name} ${noun}`}>
      <button type="button" className="btn small" disabled={page.start === 0} onClick={() => onStart(Math.max(0, page.start - pageSize(g)))}>Previous</button>
      <span className="grid-pager-range" aria-live="polite">{pagerText(g, page)}</span>
      <button type="button" className="btn small" disabled={page.end >= pagedLength(g)} onClick={() => onStart(page.end)}>Next</button>
      <label className="grid-pager-jump">
        Go to {one}{' '}
        <input type="number" min={1} max={units} step={1} value={jump} inputMode="numeric" onChange={(e) => onJump(e.target.value)} />
      </label>
    </div>
  );
}
