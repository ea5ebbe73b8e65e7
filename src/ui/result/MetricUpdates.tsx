/** A metric's running state after each update_state(): total, count and result = total / count. */
import type { DType, MetricResult } from '../../engine/types';
import { useStore } from '../../state/useStore';
import { Num, NumList } from '../common/Num';

export function MetricUpdates({ result, dtype }: { result: MetricResult; dtype: DType }) {
  const resets = useStore((s) => s.doc.reset_before);
  return (
    <div className="metric-updates">
      <h3 id="metric-updates-title">After each update_state()</h3>
      <table aria-labelledby="metric-updates-title" className="numbers">
        <thead><tr><th scope="col">#</th><th scope="col">values</th><th scope="col">total</th><th scope="col">count</th><th scope="col">result()</th></tr></thead>
        <tbody>
          {result.snapshots.map((s, i) => (
            <tr key={i}>
              <th scope="row">{i}{resets.includes(i) && i > 0 && <span className="badge">reset</span>}</th>
              <td><NumList values={s.values.data} dtype={dtype} /></td>
              <td><Num value={s.total} dtype={dtype} /></td>
              <td><Num value={s.count} dtype={dtype} /></td>
              <td><Num value={s.result} dtype={dtype} /></td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">result() = total / count: a weighted mean over every sample since the last reset_state(), not a mean of batch means.</p>
    </div>
  );
}
