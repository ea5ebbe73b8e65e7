/** A slider where a range makes sense, with exact numeric entry beside it (which may leave the slider's range). */
import { useEffect, useState } from 'react';

interface Props {
  id: string;
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  describedBy?: string;
  onChange(v: number): void;
}

export function NumberSlider({ id, label, value, min, max, step, describedBy, onChange }: Props) {
  const [text, setText] = useState(String(value));
  useEffect(() => setText((t) => (Number(t) === value && t.trim() !== '' ? t : String(value))), [value]);
  const n = Number(text);
  const invalid = text.trim() === '' || !Number.isFinite(n);
  return (
    <div className="number-slider">
      <input
        type="range" id={`${id}-range`} min={min} max={max} step={step} aria-label={`${label} slider`} aria-describedby={describedBy}
        value={Math.min(max, Math.max(min, value))} onChange={(e) => onChange(Number(e.target.value))}
      />
      <input
        type="text" inputMode="decimal" id={id} className="exact" aria-label={label} aria-describedby={describedBy}
        aria-invalid={invalid || undefined} value={text} size={6}
        onChange={(e) => {
          setText(e.target.value);
          const x = Number(e.target.value);
          if (e.target.value.trim() !== '' && Number.isFinite(x)) onChange(x);
        }}
        onBlur={() => { if (invalid) setText(String(value)); }}
      />
      {invalid && <span className="field-error" role="alert">Enter a number; {label} stays {value}.</span>}
    </div>
  );
}
