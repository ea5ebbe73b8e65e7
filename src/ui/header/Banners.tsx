/**
 * Banners above the panels: problems in the link the page opened with (the rest of the link was
 * loaded and the app keeps working), and an engine error naming the field and index (the cell is
 * highlighted in its grid).
 */
import { useState } from 'react';
import { selectFreshError } from '../../state/selectors';
import { appStore, useStore } from '../../state/useStore';
import { cellName } from '../common/format';

export function LinkErrorBanner() {
  const errors = useStore((s) => s.link.errors);
  const [dismissed, setDismissed] = useState<unknown>(null);
  if (!errors.length || dismissed === errors) return null;
  return (
    <div className="banner warn" role="alert" data-testid="link-errors">
      <p><strong>This link had problems.</strong> Everything else in it was loaded; these fields fell back to their defaults:</p>
      <ul>{errors.map((e, i) => <li key={i}><code>{e.field}</code>: {e.message}</li>)}</ul>
      <p className="hint">The address bar keeps the link as it came until you edit the example.</p>
      <button type="button" className="btn small" onClick={() => setDismissed(errors)}>Dismiss</button>{' '}
      <button type="button" className="btn small" onClick={() => appStore.setState((s) => ({ link: { ...s.link, errors: [] } }))}>
        Replace the link with what loaded
      </button>
    </div>
  );
}

export function EngineErrorBanner() {
  const error = useStore(selectFreshError);
  if (!error) return null;
  const where = error.field ? cellName(error.field, error.index) : null;
  return (
    <div className="banner error" role="alert" data-testid="engine-error">
      <p>
        <strong>Keras would raise an error{where ? <> in <code>{where}</code></> : ''}.</strong> {error.message}
      </p>
      {error.index?.length && error.field && /y_true|y_pred|sample_weight/.test(error.field) ? <p className="hint">The cell is outlined in its grid.</p> : null}
    </div>
  );
}
