/** A number as the dtype prints it, with the full value in the tooltip; non-finite values are flagged. */
import type { DType } from '../engine/types';
import { formatNumber, fullValue } from './format';

export function Num({ value, dtype, className = '' }: { value: number; dtype: DType; className?: string }) {
  const bad = !Number.isFinite(value);
  return (
    <span className={`num ${bad ? 'nonfinite' : ''} ${className}`} title={fullValue(value, dtype)} data-value={String(value)}>
      {formatNumber(value, dtype)}
    </span>
  );
}

export function NumList({ values, dtype }: { values: ArrayLike<number>; dtype: DType }) {
  return (
    <span className="num-list">
      [{Array.from(values).map((v, i) => (
        <span key={i}>{i > 0 && ', '}<Num value={v} dtype={dtype} /></span>
      ))}]
    </span>
  );
}
