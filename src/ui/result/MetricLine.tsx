/** The matching Keras metric's result on the same batch, and why it differs from the loss when it does. */
import type { DType, LossResult } from '../../engine/types';
import { useStore } from '../../state/useStore';
import { whyDiffer } from './compare';
import { useCompare, useCompareFresh } from './compareStore';
import { Num } from '../common/Num';

export function MetricLine({ result, dtype }: { result: LossResult; dtype: DType }) {
  const doc = useStore((s) => s.doc);
  const metric = useCompare((s) => s.data?.metric ?? null);
  const fresh = useCompareFresh();
  if (!metric) return null;
  const m = metric.result;
  const why = m && fresh && result.kind === 'loss' ? whyDiffer(doc, result, m) : null;
  return (
    <div className={`metric-line ${fresh ? '' : 'stale'}`} data-testid="metric-line">
      <h3>Metric</h3>
      <p>
        <code>keras.metrics.{metric.name}</code> on this batch:{' '}
        {m ? <Num value={m.results[m.results.length - 1]} dtype={dtype} className="metric-value" /> : <span className="error-text">{metric.error}</span>}
        {m && <span className="hint"> (total <Num value={m.snapshots[0].total} dtype={dtype} /> / count <Num value={m.snapshots[0].count} dtype={dtype} />)</span>}
      </p>
      {why && <p className="why" data-testid="why-differ">Why they differ: {why}</p>}
      {m && !why && result.kind === 'loss' && result.value.shape.length === 0 && <p className="hint">The loss and the metric agree here.</p>}
    </div>
  );
}
