/**
 * One Keras parameter: its Keras name, the right control for its type (checkbox, slider with exact
 * entry, list, axis, optional integer, reduction), its default and the catalog's one-line help.
 */
import { useEffect, useId, useState } from 'react';
import type { ParamSpec } from '../../engine/catalog';
import { pyValue } from '../header/pyArgs';
import { NumberSlider } from './NumberSlider';

export interface ParamControlProps {
  spec: ParamSpec;
  value: unknown;
  isSet: boolean;
  /** y_pred rank (for axis choices) and class count (for per-class alpha). */
  rank: number;
  classes: number;
  reductions: readonly string[];
  onChange(v: unknown): void;
  onReset(): void;
}

const RANGES: Record<string, [number, number, number]> = {
  label_smoothing: [0, 1, 0.01], gamma: [0, 5, 0.1], alpha: [0, 1, 0.01],
};

type Parsed = { ok: true; v: unknown } | { ok: false; error: string };

function TextValue({ id, label, value, parse, placeholder, describedBy, onChange }: {
  id: string; label: string; value: string; placeholder?: string; describedBy: string;
  parse(t: string): Parsed; onChange(v: unknown): void;
}) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const r = parse(text);
  return (
    <>
      <input id={id} type="text" value={text} placeholder={placeholder} aria-label={label} aria-describedby={describedBy}
        aria-invalid={!r.ok || undefined} size={12}
        onChange={(e) => { setText(e.target.value); const p = parse(e.target.value); if (p.ok) onChange(p.v); }} />
      {!r.ok && <span className="field-error" role="alert">{r.error}</span>}
    </>
  );
}

function parseAlpha(t: string): Parsed {
  const s = t.trim();
  if (/^-?[\d.]+(e-?\d+)?$/i.test(s) && Number.isFinite(Number(s))) return { ok: true, v: Number(s) };
  try {
    const v: unknown = JSON.parse(s);
    if (Array.isArray(v) && v.length && v.every((x) => typeof x === 'number')) return { ok: true, v };
  } catch { /* fall through */ }
  return { ok: false, error: 'Enter a number or a list like [0.25, 0.5, 0.25].' };
}

function parseIntOrNone(t: string): Parsed {
  const s = t.trim();
  if (s === '' || s === 'None') return { ok: true, v: null };
  return /^-?\d+$/.test(s) ? { ok: true, v: Number(s) } : { ok: false, error: 'Enter an integer, or leave empty for None.' };
}

export function ParamControl(p: ParamControlProps) {
  const { spec, value } = p;
  const id = useId();
  const help = `${id}-help`;
  let control: React.ReactNode;
  switch (spec.type) {
    case 'bool':
      control = <input id={id} type="checkbox" checked={value === true} aria-describedby={help} onChange={(e) => p.onChange(e.target.checked)} />;
      break;
    case 'number':
    case 'alpha': {
      const [min, max, step] = RANGES[spec.name] ?? [0, 10, 0.1];
      control = <NumberSlider id={id} label={spec.name} value={typeof value === 'number' ? value : Number(spec.default)} min={min} max={max} step={step} describedBy={help} onChange={p.onChange} />;
      break;
    }
    case 'alpha_or_list':
      control = typeof value === 'number'
        ? (
          <div className="alpha">
            <NumberSlider id={id} label={spec.name} value={value} min={0} max={1} step={0.01} describedBy={help} onChange={p.onChange} />
            <button type="button" className="btn small" onClick={() => p.onChange(Array.from({ length: p.classes }, () => value))}>Per class</button>
          </div>
        ) : (
          <div className="alpha">
            <TextValue id={id} label={spec.name} value={JSON.stringify(value)} parse={parseAlpha} describedBy={help} onChange={p.onChange} />
            <button type="button" className="btn small" onClick={() => p.onChange(Array.isArray(value) ? value[0] : spec.default)}>One value</button>
          </div>
        );
      break;
    case 'axis': {
      const r = Math.max(1, p.rank);
      const axes = Array.from({ length: r }, (_, i) => i - r);
      if (typeof value === 'number' && !axes.includes(value)) axes.push(value);
      control = (
        <select id={id} value={String(value)} aria-describedby={help} onChange={(e) => p.onChange(Number(e.target.value))}>
          {axes.map((a) => <option key={a} value={a}>{a}</option>)}
        </select>
      );
      break;
    }
    case 'int_or_null':
      control = <TextValue id={id} label={spec.name} value={value === null || value === undefined ? '' : String(value)} placeholder="None" parse={parseIntOrNone} describedBy={help} onChange={p.onChange} />;
      break;
    case 'reduction':
      control = (
        <select id={id} value={String(value)} aria-describedby={help} onChange={(e) => p.onChange(e.target.value)}>
          {p.reductions.map((r) => <option key={r} value={r}>{r === 'none' ? 'None' : `"${r}"`}</option>)}
        </select>
      );
      break;
    default:
      control = <span>{String(value)}</span>;
  }
  return (
    <div className={`param param-${spec.type}`} data-param={spec.name}>
      <label htmlFor={id} className="param-name"><code>{spec.name}</code></label>
      <div className="param-control">{control}</div>
      <p id={help} className="param-help">
        {spec.help} <span className="default">Default: <code>{pyValue(spec.default, spec.name)}</code></span>
        {p.isSet && <button type="button" className="link-btn" onClick={p.onReset} aria-label={`Reset ${spec.name} to its default`}>Reset</button>}
      </p>
    </div>
  );
}
