/** "Copy as" for one tensor: NumPy, Python list, JSON, CSV or TSV (the formats paste reads back). */
import { useId, useState } from 'react';
import type { DType, Nested } from '../../engine/types';
import { copyText } from '../common/clipboard';
import { EXPORT_FORMATS, exportTensor, type ExportFormat } from '../inputs/exportText';
import { shapeOf } from '../inputs/tensorOps';

/** Whether exportTensor can write this format for a tensor of this rank (no flat table past rank 2). */
const canExport = (rank: number, f: ExportFormat) => !((f === 'csv' || f === 'tsv') && rank > 2);

export function CopyAs({ value, dtype, field }: { value: Nested; dtype: DType; field: string }) {
  const [format, setFormat] = useState<ExportFormat>('numpy');
  const [fallback, setFallback] = useState<string | null>(null);
  const [msg, setMsg] = useState('');
  const id = useId();
  // The text is made on Copy only: formatting a big tensor on every edit would cost the input frame.
  const rank = shapeOf(value).length;
  const available = canExport(rank, format);
  return (
    <div className="copy-as">
      <label htmlFor={id}>Copy {field} as</label>
      <select id={id} value={format} onChange={(e) => { setFormat(e.target.value as ExportFormat); setFallback(null); setMsg(''); }}>
        {EXPORT_FORMATS.map((f) => <option key={f.id} value={f.id} disabled={!canExport(rank, f.id)}>{f.label}</option>)}
      </select>
      <button
        type="button" className="btn small" disabled={!available} aria-label={`Copy ${field}`}
        onClick={async () => {
          const text = exportTensor(value, format, dtype);
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
