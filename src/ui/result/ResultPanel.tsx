/**
 * RESULT: the value Keras returns (or each metric result()), what it means in plain words, how the
 * reduction produced it, the documented value of a preset, and the pitfalls. NaN and infinity
 * always come with where they came from. The reductions, per-sample values, backends and the
 * matching metric follow in ResultDetails.
 */
import type { DType, EngineResult, Nested } from '../../engine/types';
import type { TensorField } from '../../document/document';
import { readTensor } from '../../document/tensorFields';
import { selectFreshError } from '../../state/selectors';
import { useStore } from '../../state/useStore';
import { BACKEND_LABELS } from '../common/backendNames';
import { formatNumber } from '../common/format';
import { Num, NumList } from '../common/Num';
import { warningCell } from '../pitfalls/pitfallSteps';
import { PitfallsPanel } from '../pitfalls/PitfallsPanel';
import { useShownResult } from './useResult';
import { NonFiniteNote } from './NonFiniteNote';
import { StepLink } from '../explain/StepLink';
import { PresetMatch } from './PresetMatch';
import { DraftNote } from './DraftNote';
import { ResultSentence } from './ResultSentence';

/** The numbers the headline shows: the metric’s last result(), or the loss value(s) as Keras returns them. */
export function headline(r: EngineResult): number[] {
  return r.kind === 'metric' ? [r.results[r.results.length - 1]] : Array.from(r.value.data);
}

/** Where a NaN or infinity in the headline comes from (nothing when every value is finite). */
export function Where({ r }: { r: EngineResult }) {
  const doc = useStore((s) => s.doc);
  const values = headline(r);
  const notes = r.warnings.filter((w) => ['non_finite', 'nan', 'ctc_infeasible'].includes(w.code));
  // CTC without an alignment is infinite in truth; Keras (JAX/NumPy) prints about 1e5 instead.
  if (values.every(Number.isFinite) && !notes.some((w) => w.code === 'ctc_infeasible')) return null;
  // The engine's non_finite warnings name the cell and the step themselves; otherwise we trace it here.
  const traced = notes.some((w) => w.code === 'non_finite' && (w.step !== undefined || w.field !== undefined));
  const hasSteps = r.kind !== 'metric' && !!r.steps?.length;
  return (
    <ul className="where" aria-label="Where the non-finite value comes from" data-testid="where">
      {!traced && <NonFiniteNote result={r} />}
      {notes.length ? notes.map((w, i) => (
        <li key={i} data-testid={traced && w.code === 'non_finite' && i === notes.findIndex((x) => x.code === 'non_finite') ? 'non-finite-source' : undefined}>
          {warningCell(w, w.field ? (readTensor(doc, w.field as TensorField) as Nested | undefined) ?? null : null).message}
          {w.step && hasSteps && <> <span className="hint">(see step <StepLink name={w.step} />)</span></>}
        </li>))
        : !traced && <li>A per-sample value is not finite; see the explain view for the step where it first appears.</li>}
    </ul>
  );
}

/** How the reduction made the headline: Σ(v·w) ÷ N, or what the call returns. */
export function How({ r, dtype }: { r: EngineResult; dtype: DType }) {
  if (r.kind === 'metric') return <p className="how">result() after update_state() #{r.results.length - 1}</p>;
  if (r.kind === 'function') return <p className="how"><code>keras.losses.{r.name}</code> returns one value per sample (no reduction).</p>;
  const red = r.reduction;
  if (!red || red.reduction === 'none') return <p className="how">reduction=None: the weighted per-sample values.</p>;
  if (red.numerator === null || red.denominator === null) return <p className="how"><code>{red.reduction}</code> of a single value: the value itself.</p>;
  const f = (x: number) => formatNumber(x, dtype);
  return (
    <p className="how">
      <code>{red.reduction}</code>: Σ(v·w) = {f(red.numerator)}{red.reduction !== 'sum' && <> ÷ {red.reduction === 'mean_with_sample_weight' ? 'Σw' : 'N'} = {f(red.denominator)}</>}
    </p>
  );
}

export function ResultPanel() {
  const { result, stale } = useShownResult();
  const hide = useStore((s) => s.doc.view.hide);
  const error = useStore(selectFreshError);
  const dtype = result?.dtype ?? 'float32';
  const values = result ? headline(result) : [];
  return (
    <section className="panel result" aria-labelledby="result-title" data-testid="panel.result" aria-busy={stale || undefined}>
      <h2 id="result-title">Result</h2>
      <DraftNote />
      {error && <p className="error-text">No value: Keras would raise an error for this input (see the message above).</p>}
      {!result && !error && <p className="hint">Computing…</p>}
      {result && (
        <div className={stale ? 'stale' : ''}>
          <div className="headline" aria-live="polite" data-testid="result.value">
            {values.length === 1 && result.kind !== 'function' ? <Num value={values[0]} dtype={dtype} className="big" /> : <NumList values={values} dtype={dtype} />}
            <span className="dtype" data-testid="result.on">{dtype}, {result.semantics === 'tf_keras2' ? 'tf.keras 2' : BACKEND_LABELS[result.kerasBackend] ?? result.kerasBackend}</span>
            {stale && <span className="hint"> updating…</span>}
          </div>
          <ResultSentence result={result} />
          <How r={result} dtype={dtype} />
          <Where r={result} />
          <PresetMatch result={result} />
        </div>
      )}
      {!hide.includes('pitfalls') && <PitfallsPanel />}
    </section>
  );
}
