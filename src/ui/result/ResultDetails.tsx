/**
 * What stands behind the result: every reduction side by side, the per-sample values, Compare
 * backends and the matching metric (or a metric's updates). A panel of its own so that on a phone
 * the parameters can sit between the result and these (layout.css).
 */
import { useStore } from '../../state/useStore';
import { CompareBackends } from '../compare/CompareBackends';
import { MetricLine } from './MetricLine';
import { MetricUpdates } from './MetricUpdates';
import { PerSample } from './PerSample';
import { ReductionsTable } from './ReductionsTable';
import { useShownResult } from './useResult';

export function ResultDetails() {
  const { result, stale } = useShownResult();
  const kind = useStore((s) => s.doc.kind);
  const hide = useStore((s) => s.doc.view.hide);
  const dtype = result?.dtype ?? 'float32';
  return (
    <section className="panel result-more" aria-label="Result details" data-testid="panel.result-details" aria-busy={stale || undefined}>
      {result && result.kind !== 'metric' && <ReductionsTable dtype={dtype} />}
      {result && result.kind !== 'metric' && <PerSample result={result} dtype={dtype} />}
      {!hide.includes('backends') && <CompareBackends />}
      {result && result.kind === 'metric' && <MetricUpdates result={result} dtype={dtype} />}
      {result && result.kind !== 'metric' && kind !== 'metric' && <MetricLine result={result} dtype={dtype} />}
      {result && result.kind === 'metric' && <ReductionsTable dtype={dtype} />}
    </section>
  );
}
