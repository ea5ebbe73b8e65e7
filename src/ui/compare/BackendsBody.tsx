/**
 * The inside of Compare backends (loaded the first time it is opened): one card per backend with
 * its value, the per-sample values where they disagree, and one sentence each on why.
 */
import { TARGET_LABELS } from '../common/backendNames';
import { Num, NumList } from '../common/Num';
import { StepLink } from '../explain/StepLink';
import { PSEUDO_STEPS, type Reason } from './backendReasons';
import type { BackendColumn, BackendsView } from './backendsModel';
import '../common/backends.css';

const GRAD_TEXT: Record<BackendColumn['grad'], string> = {
  same: 'gradient: same', differs: 'gradient: differs', none: 'gradient: none', absent: '',
};

function ReasonText({ reason, stepsOf }: { reason: Reason; stepsOf: Set<string> }) {
  const [before, after = ''] = reason.text.split('{step}');
  const step = reason.step;
  return (
    <>{before}{reason.text.includes('{step}') && step && !PSEUDO_STEPS.has(step) && <StepLink name={step} available={stepsOf.has(step)} />}{after}.</>
  );
}

function Card({ c, view, samples }: { c: BackendColumn; view: BackendsView; samples: number }) {
  const selected = c.target === view.selected;
  const gradDiffers = !selected && (c.grad === 'differs' || c.grad !== view.columns.find((x) => x.target === view.selected)?.grad);
  return (
    <div className={`bk-card${selected ? ' is-selected' : ''}${c.valueDiffers ? ' differs' : ''}`} data-testid={`backend.${c.target}`}
      data-differs={c.valueDiffers || undefined} role="group" aria-label={TARGET_LABELS[c.target]}>
      <div className="bk-name">{TARGET_LABELS[c.target]}{selected && <span className="bk-badge">selected</span>}</div>
      {c.error ? (
        <p className="bk-error" data-testid="backend.error"><strong>raises:</strong> {c.error}</p>
      ) : (
        <div className="bk-value" data-testid="backend.value">
          {c.valueDiffers && <span className="bk-ne" aria-label="differs from the selected backend">≠ </span>}
          {c.values.length === 1 ? <Num value={c.values[0]} dtype={view.dtype} /> : <NumList values={c.values} dtype={view.dtype} />}
        </div>
      )}
      {samples > 0 && !c.error && (
        <ul className="bk-samples" aria-label="per-sample values where the backends differ">
          {view.rows.map((r) => (
            <li key={r.index.join(',')} className={r.differs[view.columns.indexOf(c)] ? 'differs' : ''}>
              <span className="bk-idx">[{r.index.join(', ')}]</span>{' '}
              {r.values[view.columns.indexOf(c)] === null ? '—' : <Num value={r.values[view.columns.indexOf(c)]!} dtype={view.dtype} />}
            </li>
          ))}
        </ul>
      )}
      {GRAD_TEXT[c.grad] && (
        <p className={`bk-grad${gradDiffers ? ' differs' : ''}`} title={c.gradError ?? undefined}>{selected && c.grad === 'same' ? 'gradient: yes' : GRAD_TEXT[c.grad]}</p>
      )}
    </div>
  );
}

export interface BackendsBodyProps {
  view: BackendsView | null;
  error: string | null;
  stale: boolean;
  differing: number;
}

export default function BackendsBody({ view, error, stale, differing }: BackendsBodyProps) {
  const selectedSteps = new Set<string>();
  const sel = view?.columns.find((c) => c.target === view.selected)?.result;
  if (sel && sel.kind !== 'metric') for (const s of sel.steps ?? []) selectedSteps.add(s.name);
  return (
    <>
      {error && <p className="error-text">The comparison could not run: {error}</p>}
      {view && (
        <div className={stale ? 'stale' : ''}>
          <p className="hint">This input on each Keras backend and on tf.keras 2; numbers marked ≠ differ from {TARGET_LABELS[view.selected]} (selected above).</p>
          <div className="bk-cards">
            {view.columns.map((c) => <Card key={c.target} c={c} view={view} samples={view.rows.length} />)}
          </div>
          {view.rowCount > view.rows.length && <p className="hint">Per-sample: the first {view.rows.length} of {view.rowCount} samples that differ.</p>}
          {differing > 0 && (
            <ul className="bk-why" aria-label="Why the backends differ" data-testid="compare-backends.why">
              {view.columns.filter((c) => c.reason).map((c) => (
                <li key={c.target} data-target={c.target}>
                  {!c.reason!.text.startsWith(TARGET_LABELS[c.target]) && <><strong>{TARGET_LABELS[c.target]}:</strong> </>}
                  <ReasonText reason={c.reason!} stepsOf={selectedSteps} />
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </>
  );
}
