/**
 * Compare backends: this input's value on TensorFlow, JAX, PyTorch, NumPy and tf.keras 2 side by
 * side. The summary line ("N of 5 differ") is always there; the cards (BackendsBody) load the first
 * time the section is opened, keeping them out of the start-up bytes.
 */
import { lazy, Suspense, useState } from 'react';
import { isFresh } from '../../state/jobs/viewJob';
import { useStore } from '../../state/useStore';
import { TARGET_LABELS } from '../common/backendNames';
import { useBackends } from './backendsStore';

const BackendsBody = lazy(() => import('./BackendsBody'));

export function CompareBackends() {
  const revision = useStore((s) => s.revision);
  const view = useBackends((s) => s.data);
  const error = useBackends((s) => s.error?.message ?? null);
  const stale = useBackends((s) => !isFresh(s, revision));
  const waiting = useBackends((s) => s.waiting);
  const setOpen = useBackends((s) => s.setOpen);
  const [opened, setOpened] = useState(false);
  const differing = view ? view.columns.filter((c) => c.valueDiffers || c.reason).length : 0;
  return (
    <details className="backends" data-testid="compare-backends" aria-busy={stale || undefined}
      onToggle={(e) => {
        const open = (e.currentTarget as HTMLDetailsElement).open;
        if (open) setOpened(true);
        setOpen(open);
      }}>
      <summary>
        <h3>Compare backends</h3>{' '}
        <span className="hint" data-testid="compare-backends.summary">
          {waiting && stale ? 'open to compare this large input' : !view ? (error ? 'not available' : 'computing…') : differing ? `${differing} of ${view.columns.length} differ from ${TARGET_LABELS[view.selected]}` : `all ${view.columns.length} agree`}
        </span>
      </summary>
      {opened && (
        <Suspense fallback={<p className="hint">Loading the comparison…</p>}>
          <BackendsBody view={view} error={error} stale={stale} differing={differing} />
        </Suspense>
      )}
    </details>
  );
}
