/** Pitfall warnings for the current input, each with the cells at fault (highlighted on hover or focus) and a one-click fix where one exists. */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from '../../state/useStore';
import { cellName } from '../common/format';
import { Icon } from '../common/Icon';
import { marksStore } from '../common/marks';
import { detectPitfalls, type Pitfall } from './pitfalls';
import { useShownResult } from '../result/useResult';

function Item({ p, onFixed }: { p: Pitfall; onFixed(label: string): void }) {
  const setDoc = useStore((s) => s.setDoc);
  const source = `pitfall:${p.id}`;
  const show = () => p.cells.length && marksStore.getState().mark(p.cells, p.tone, source);
  const hide = () => marksStore.getState().unmark(source);
  return (
    <li className={`pitfall ${p.tone}`} onMouseEnter={show} onMouseLeave={hide} onFocus={show} onBlur={hide} data-pitfall={p.id.split('@')[0]}>
      <strong className="pitfall-title"><Icon kind={p.tone === 'warn' ? 'warn' : 'info'} /> <span>{p.title}</span></strong>
      <p>{p.message}</p>
      {p.cells.length > 0 && (
        <p className="pitfall-cells">
          Cells: {p.cells.slice(0, 6).map((c) => cellName(c.field, c.index)).join(', ')}{(p.cellCount ?? p.cells.length) > 6 ? ` and ${(p.cellCount ?? p.cells.length) - 6} more` : ''}
        </p>
      )}
      {p.fix && (
        <button type="button" className="btn small fix" onClick={() => { hide(); setDoc(p.fix!.apply); onFixed(p.fix!.label); }}>
          {p.fix.label}
        </button>
      )}
    </li>
  );
}

export function PitfallsPanel() {
  const doc = useStore((s) => s.doc);
  const { result, stale } = useShownResult();
  const [msg, setMsg] = useState('');
  // While the engine computes the new document (a few ms) the previous list stays, like the
  // numbers around it: scanning a large input twice per edit is what made edits slow.
  const last = useRef<Pitfall[] | null>(null);
  const pitfalls = useMemo(() => (stale && last.current ? last.current : detectPitfalls(doc, stale ? null : result)), [doc, result, stale]);
  useEffect(() => { last.current = pitfalls; }, [pitfalls]);
  return (
    <div className="pitfalls" data-testid="pitfalls">
      <h3 id="pitfalls-title">Pitfalls</h3>
      {pitfalls.length === 0 ? <p className="hint">None found for this input.</p> : (
        <ul aria-labelledby="pitfalls-title">
          {pitfalls.map((p) => <Item key={p.id} p={p} onFixed={(l) => setMsg(`Applied: ${l}. Undo reverts it.`)} />)}
        </ul>
      )}
      <p role="status" className="hint">{msg}</p>
    </div>
  );
}
