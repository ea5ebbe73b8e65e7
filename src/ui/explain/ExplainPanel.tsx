/**
 * EXPLAIN: the derivation for the current input, step by step with the actual numbers, driven by
 * the engine's intermediates (one-hot -> renormalise -> clip -> log -> smoothing -> focal factor ->
 * weights -> reduction; for metrics, total and count after each update).
 */
import type { DType, LossResult, MetricResult } from '../../engine/types';
import { EXPLAIN_MAX_ENTRIES } from '../../document/request';
import type { UpdateDoc } from '../../document/document';
import { useStore } from '../../state/useStore';
import { explainReduction, explainSteps } from './explain';
import { formatList, formatNumber } from '../common/format';
import { familyOf, fnIdOf } from '../common/lossInfo';
import { marksStore } from '../common/marks';
import { unravel } from '../../engine/tensor';
import type { CellRef } from '../pitfalls/pitfallRules';
import { flatten, shapeOf } from '../inputs/tensorOps';
import { useShownResult } from '../result/useResult';
import { StepTensor } from './StepTensor';

function LossSteps({ result, dtype }: { result: LossResult; dtype: DType }) {
  const doc = useStore((s) => s.doc);
  const family = familyOf(fnIdOf(doc.kind, doc.name)) ?? 'categorical';
  const steps = explainSteps(result, family, doc.y_pred);
  const red = explainReduction(result, dtype);
  const f = (x: number) => formatNumber(x, dtype);
  const ps = result.perSample.shape;
  return (
    <ol className="steps">
      {!result.steps && (
        <li className="step" data-step="omitted">
          <p className="step-note">
            This input has more than {EXPLAIN_MAX_ENTRIES.toLocaleString('en')} entries: the step-by-step tensors are
            left out (computed by the {result.backend === 'ts' ? 'reference engine' : `${result.backend} kernels`}); the
            reduction is below.
          </p>
        </li>
      )}
      {steps.map((s) => (
        <li key={s.key} className="step" data-step={s.name}>
          <div className="step-head">
            <code className="step-name">{s.name}</code> <span className="step-label">{s.label}</span>
            {s.from.length > 0 && <span className="from">from {s.from.map((x) => <code key={x}>{x}</code>)}</span>}
          </div>
          {s.note && <p className="step-note">{s.note}</p>}
          {s.changed.length > 0 && <p className="step-note changed-note">{s.changed.length} entr{s.changed.length > 1 ? 'ies' : 'y'} changed by the clip (outlined).</p>}
          <StepTensor tensor={s.tensor} alignsWith={s.alignsWith} dtype={dtype} changed={s.changed} perSampleShape={ps} label={`${s.name} values`} />
        </li>
      ))}
      {red && (
        <li className="step" data-step="reduction">
          <div className="step-head"><code className="step-name">reduction</code> <span className="step-label">{red.reduction}: {red.formula}</span></div>
          <p className="step-math">
            {f(red.numerator)}{red.reduction !== 'sum' && <> / {f(red.denominator)}</>} = <strong>{f(red.value)}</strong>
          </p>
        </li>
      )}
      {!red && result.kind === 'loss' && (
        <li className="step" data-step="reduction"><div className="step-head"><code className="step-name">reduction</code> <span className="step-label">None: the weighted per-sample values are returned as they are.</span></div></li>
      )}
    </ol>
  );
}

/** Every cell of update i's y_true and y_pred, for marking them while its step is hovered. */
function updateCells(u: UpdateDoc | undefined, i: number): CellRef[] {
  if (!u) return [];
  return (['y_true', 'y_pred'] as const).flatMap((name) => {
    const shape = shapeOf(u[name]);
    return flatten(u[name]).map((_, k) => ({ field: `updates.${i}.${name}`, index: unravel(k, shape) }));
  });
}

function MetricSteps({ result, dtype }: { result: MetricResult; dtype: DType }) {
  const resets = useStore((s) => s.doc.reset_before);
  const updates = useStore((s) => s.doc.updates);
  const f = (x: number) => formatNumber(x, dtype);
  // Hovering or focusing an update's step marks the cells it read, as a pitfall marks its cells.
  const show = (i: number) => marksStore.getState().mark(updateCells(updates[i], i), 'info', `explain:update-${i}`);
  const hide = (i: number) => marksStore.getState().unmark(`explain:update-${i}`);
  return (
    <ol className="steps">
      {result.snapshots.map((s, i) => {
        const reset = resets.includes(i) && i > 0;
        // The state this update starts from: the previous update's, or zero after reset_state().
        const prev = i === 0 || reset ? { total: 0, count: 0 } : result.snapshots[i - 1];
        return (
          <li key={i} className="step" data-step={`update-${i}`} tabIndex={0}
            onMouseEnter={() => show(i)} onMouseLeave={() => hide(i)} onFocus={() => show(i)} onBlur={() => hide(i)}>
            <div className="step-head">
              <code className="step-name">update_state() #{i}</code>
              {reset && <span className="step-label"> after reset_state(): total = count = 0</span>}
            </div>
            <p className="step-math" data-part="values">v = {formatList(s.values.data, dtype)} <span className="step-label">per-sample values</span></p>
            <p className="step-math" data-part="weights">
              {s.weights ? <>w = {formatList(s.weights.data, dtype)} <span className="step-label">sample_weight (with the mask), per sample</span></>
                : <>no sample_weight: each sample counts 1</>}
            </p>
            <p className="step-math" data-part="total">total = {f(prev.total)} + {s.weights ? 'Σ w·v' : 'Σ v'} ({f(s.added.total)}) = {f(s.total)}</p>
            <p className="step-math" data-part="count">count = {f(prev.count)} + {s.weights ? 'Σ w' : 'number of samples'} ({f(s.added.count)}) = {f(s.count)}</p>
            <p className="step-math" data-part="result">result() = total / count = {f(s.total)} / {f(s.count)} = <strong>{f(s.result)}</strong></p>
          </li>
        );
      })}
    </ol>
  );
}

export function ExplainPanel() {
  const { result, stale } = useShownResult();
  const dtype = result?.dtype ?? 'float32';
  return (
    <section className="panel explain" aria-labelledby="explain-title" data-testid="panel.explain" aria-busy={stale || undefined}>
      <h2 id="explain-title">Explain: how Keras gets this number</h2>
      {!result && <p className="hint">No derivation while there is no result.</p>}
      {result && result.kind === 'metric' && <MetricSteps result={result} dtype={dtype} />}
      {result && result.kind !== 'metric' && <LossSteps result={result} dtype={dtype} />}
    </section>
  );
}
