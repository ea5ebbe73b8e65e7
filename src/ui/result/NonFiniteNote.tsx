/** The result's non-finite value traced back: which input cells are NaN or infinite, and the first step that produced one. */
import type { EngineResult } from '../../engine/types';
import { useStore } from '../../state/useStore';
import { formatNumber } from '../common/format';
import { nonFiniteReport } from './nonFinite';
import { StepLink } from '../explain/StepLink';

export function NonFiniteNote({ result }: { result: EngineResult }) {
  const doc = useStore((s) => s.doc);
  const report = nonFiniteReport(doc, result);
  if (!report) return null;
  const { step } = report;
  return (
    <li data-testid="non-finite-source">
      {report.cells}
      {step ? <>; the first non-finite value appears at step <StepLink name={step.name} /> ({step.name}[{step.index.join(', ')}] = {formatNumber(step.value, result.dtype)}).</>
        : result.kind === 'metric' ? '; a NaN in an update stays in the metric’s total until reset_state().' : '.'}
    </li>
  );
}
