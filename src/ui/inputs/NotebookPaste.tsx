/**
 * Paste a notebook cell with `y_true = ...`, `y_pred = ...`, `sample_weight = ...`: every tensor it
 * names is replaced at once (one undo step). The panel and its parser load the first time it opens.
 */
import { lazy, Suspense, useState } from 'react';

const NotebookPastePanel = lazy(() => import('./NotebookPastePanel'));

export function NotebookPaste() {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [msg, setMsg] = useState('');
  return (
    <div className="notebook-paste">
      <button type="button" className="btn small" aria-expanded={open} onClick={() => setOpen(!open)}>Paste from a notebook…</button>
      <span role="status" className="hint">{msg}</span>
      {open && (
        <Suspense fallback={<p className="hint">Loading the paste panel…</p>}>
          <NotebookPastePanel text={text} setText={setText} onReplaced={(m) => { setMsg(m); setOpen(false); }} />
        </Suspense>
      )}
    </div>
  );
}
