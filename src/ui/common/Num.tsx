/** A number as the dtype prints it, with the full value in the tooltip; non-finite values are flagged. */
import { useState } from 'react';
import type { DType } from '../../engine/types';
import { formatNumber, fullValue } from './format';

export function Num({ value, dtype, className = '' }: { value: number; dtype: DType; className?: string }) {
  const bad = !Number.isFinite(value);
  return (
    <span className={`num ${bad ? 'nonfinite' : ''} ${className}`} title={fullValue(value, dtype)} data-value={String(value)}>
      {formatNumber(value, dtype)}
    </span>
  );
}

/** Lists longer than this show their head and tail until the reader asks for all of it. */
export const NUM_LIST_MAX = 24;
const HEAD = 10;
const TAIL = 4;

/**
 * `[a, b, c]`. A long list (a reduction=None over 1,000 samples) would be a wall of digits and
 * thousands of nodes to update on every edit, so it shows its ends and a button for the rest.
 */
export function NumList({ values, dtype }: { values: ArrayLike<number>; dtype: DType }) {
  const [all, setAll] = useState(false);
  const n = values.length;
  const cut = !all && n > NUM_LIST_MAX;
  const shown = cut ? [...Array.from({ length: HEAD }, (_, i) => i), ...Array.from({ length: TAIL }, (_, i) => n - TAIL + i)] : Array.from({ length: n }, (_, i) => i);
  return (
    <span className="num-list">
      [{shown.map((i, k) => (
        <span key={i}>
          {k > 0 && ', '}
          {cut && k === HEAD && <span className="num-elided" aria-label={`${n - HEAD - TAIL} values not shown`}>…, </span>}
          <Num value={values[i]} dtype={dtype} />
        </span>
      ))}]
      {n > NUM_LIST_MAX && (
        <button type="button" className="link-btn num-list-toggle" aria-expanded={all} onClick={() => setAll(!all)}>
          {all ? 'show fewer' : `show all ${n.toLocaleString('en-US')}`}
        </button>
      )}
    </span>
  );
}
