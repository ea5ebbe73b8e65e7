/** The open notebook-paste panel (loaded the first time it is opened): the text, what it found, Replace. */
import { useId } from 'react';
import type { ExampleDoc } from '../../document/document';
import { useStore } from '../../state/useStore';
import { parseAssignments } from './pasteParse';

const NAMES = ['y_true', 'y_pred', 'sample_weight'] as const;

export interface NotebookPastePanelProps {
  text: string;
  setText: (text: string) => void;
  /** Called after Replace with the sentence to announce. */
  onReplaced: (message: string) => void;
}

export default function NotebookPastePanel({ text, setText, onReplaced }: NotebookPastePanelProps) {
  const setDoc = useStore((s) => s.setDoc);
  const kind = useStore((s) => s.doc.kind);
  const id = useId();
  const found = parseAssignments(text, NAMES);
  const ok = Object.entries(found).filter(([, r]) => r.ok);
  const bad = Object.entries(found).filter(([, r]) => !r.ok);
  const apply = () => {
    const patch: Partial<ExampleDoc> = {};
    for (const [k, r] of ok) if (r.ok) (patch as Record<string, unknown>)[k] = r.value;
    setDoc((d) => (d.kind === 'metric'
      ? { ...d, updates: d.updates.map((u, i) => (i === 0 ? { ...u, ...patch } : u)) }
      : { ...d, ...patch }));
    onReplaced(`Replaced ${ok.map(([k]) => k).join(', ')}${kind === 'metric' ? ' in update 0' : ''}.`);
  };
  return (
    <div className="paste-panel">
      <label htmlFor={id}>Lines like <code>y_true = np.array([1, 2])</code> and <code>y_pred = [[…]]</code></label>
      <textarea id={id} rows={5} value={text} spellCheck={false} onChange={(e) => setText(e.target.value)} autoFocus />
      <p className="paste-preview" role="status">
        {ok.map(([k]) => `${k} ✓`).join('  ')}{bad.map(([k, r]) => ` ${k}: ${r.ok ? '' : r.error}`).join(';')}
        {text.trim() && !ok.length && !bad.length ? 'No y_true / y_pred / sample_weight assignment found.' : ''}
      </p>
      <button type="button" className="btn" disabled={!ok.length || bad.length > 0} onClick={apply}>Replace</button>
    </div>
  );
}
