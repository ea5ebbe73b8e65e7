/** Per-sample values (before weighting) with their weights; hovering a row highlights the sample's cells. */
import { memo } from 'react';
import type { DType, LossResult } from '../../engine/types';
import { linkStore, useLink } from '../common/linking';
import { Num } from '../common/Num';
import { unravel } from '../../engine/tensor';

/** Memoised: an edit re-renders the panel around it (marked stale) with the same result. */
export const PerSample = memo(function PerSample({ result, dtype }: { result: LossResult; dtype: DType }) {
  const hovered = useLink((s) => s.sample);
  const { perSample, weights } = result;
  const n = perSample.data.length;
  if (!n) return null;
  const shown = Math.min(n, 64);
  return (
    <div className="per-sample">
      <h3 id="per-sample-title">Per-sample values</h3>
      <table aria-labelledby="per-sample-title" className="numbers">
        <thead><tr><th scope="col">sample</th><th scope="col">value v</th>{weights && <th scope="col">weight w</th>}</tr></thead>
        <tbody>
          {Array.from({ length: shown }, (_, i) => (
            <tr
              key={i} className={hovered === i ? 'is-hovered' : ''} tabIndex={0}
              onMouseEnter={() => linkStore.getState().setHover({ sample: i, source: 'result' })}
              onMouseLeave={() => linkStore.getState().clear('result')}
              onFocus={() => linkStore.getState().setHover({ sample: i, source: 'result' })}
              onBlur={() => linkStore.getState().clear('result')}
            >
              <th scope="row">{unravel(i, perSample.shape).join(', ')}</th>
              <td><Num value={perSample.data[i]} dtype={dtype} /></td>
              {weights && <td>{weights.data.length === n ? <Num value={weights.data[i]} dtype={dtype} /> : '—'}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      {shown < n && <p className="hint">First {shown} of {n}.</p>}
    </div>
  );
});
