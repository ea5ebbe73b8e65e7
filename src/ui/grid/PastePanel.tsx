/** A text box for pasting a whole tensor (NumPy, Python, JSON, CSV, TSV), with a live preview of what was read. */
import { useId, useState } from 'react';
import { parseTensorText } from '../inputs/pasteParse';

export function PastePanel({ field, onApply }: { field: string; onApply(text: string): void }) {
  const [text, setText] = useState('');
  const id = useId();
  const r = text.trim() ? parseTensorText(text) : null;
  return (
    <div className="paste-panel">
      <label htmlFor={id}>Paste {field}: a NumPy array, a Python list, JSON, or cells from a spreadsheet</label>
      <textarea
        id={id} rows={4} value={text} spellCheck={false} autoFocus
        placeholder="np.array([[0.05, 0.95, 0], [0.1, 0.8, 0.1]])"
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && r?.ok) onApply(text); }}
      />
      <p className="paste-preview" role="status" aria-live="polite">
        {r === null ? '' : r.ok ? `Reads as ${r.format === 'numpy' ? 'NumPy' : r.format.toUpperCase()}, shape [${r.shape.join(', ')}].` : `Cannot read it: ${r.error}.`}
      </p>
      <button type="button" className="btn" disabled={!r?.ok} onClick={() => onApply(text)}>Replace {field}</button>
    </div>
  );
}
