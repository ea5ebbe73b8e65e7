/**
 * On a phone the panels stack (inputs, parameters, result, …), so the number Keras prints would be a
 * long scroll away: this bar keeps it in view at the top while you edit, and jumps to the result.
 * Hidden on wider screens (CSS), where the result panel sits beside the inputs.
 */
import { selectFreshError } from '../../state/selectors';
import { useStore } from '../../state/useStore';
import { formatNumber } from '../common/format';
import { useShownResult } from './useResult';

export function ResultPeek() {
  const { result, stale } = useShownResult();
  const error = useStore((s) => selectFreshError(s) !== null);
  const drafts = useStore((s) => Object.keys(s.drafts).length);
  if (!result && !error) return null;
  const values = !result ? [] : result.kind === 'metric' ? [result.results[result.results.length - 1]] : Array.from(result.value.data);
  const dtype = result?.dtype ?? 'float32';
  const shown = values.length === 1 ? formatNumber(values[0], dtype) : `[${values.slice(0, 3).map((v) => formatNumber(v, dtype)).join(', ')}${values.length > 3 ? ', …' : ''}]`;
  return (
    <a className={`result-peek${stale ? ' stale' : ''}`} href="#result-title" data-testid="result.peek" aria-label={`Result ${error ? 'error' : shown}: go to the result panel`}>
      <span className="peek-label">Result</span>{' '}
      <span className="num">{error ? 'error (see the message)' : shown}</span>{' '}
      <span className="peek-dtype">{dtype}{drafts ? ' · last valid input' : ''}</span>
    </a>
  );
}
