/** "Copy as" for one tensor: NumPy, Python list, JSON, CSV or TSV (the formats paste reads back). */
import { useId, useState } from 'react';
import type { DType, Nested } from '../../engine/types';
import { copyText } from '../clipboard';
import { EXPORT_FORMATS, exportTensor, type ExportFormat } from '../exportText';

export function CopyAs({ value, dtype, field }: { value: Nested; dtype: DType; field: string }) {
  const [format, setFormat] = useState<ExportFormat>('numpy');
  const [fallback, setFallback] = useState<string | null>(null);
  const [msg, setMsg] = useState('');
  const id = useId();
  const text = exportTensor(value, format, dtype);
  return (
    <div className="copy-as">
      <label htmlFor={id}>Copy {field} as</label>
      <select id={id} value={format} onChange={(e) => { setFormat(e.target.value as ExportFormat); setFallback(null); setMsg(''); }}>
        {EXPORT_FORMATS.map((f) => <option key={f.id} value={f.id} disabled={exportTensor(value, f.id) === null}>{f.label}</option>)}
      </select>
      <button
        type="button" className="btn small" disabled={text === null} aria-label={`Copy ${field}`}
        onClick={async () => {
          if (text === null) return;
          const ok = await copyText(text);
          setMsg(ok ? 'Copied.' : 'Copy it from the box below.');
          setFallback(ok ? null : text);
        }}
      >Copy</button>
      <span role="status" className="hint">{msg}</span>
      {fallback !== null && (
        <textarea className="fallback" readOnly value={fallback} aria-label={`${field} as text`} onFocus={(e) => e.currentTarget.select()} />
      )}
    </div>
  );
}
