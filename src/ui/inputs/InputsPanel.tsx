/**
 * INPUTS: the y_true, y_pred and sample_weight grids (or, for a metric, one set per update_state
 * call), with the helpers beside them.
 */
import { useMemo } from 'react';
import type { Nested } from '../../engine/types';
import { effectiveBackend, type ExampleDoc, type TensorField, type UpdateDoc } from '../../document/document';
import { useStore } from '../../state/useStore';
import { editBatch } from './batchEdit';
import { TensorEditor } from '../grid/TensorEditor';
import type { Orientation } from '../grid/layout';
import { dims } from './helpers';
import { BatchHelpers, LabelHelpers, PredHelpers } from './InputHelpers';
import { familyOf, fnIdOf, predMeaning, type FamilyId } from '../common/lossInfo';
import { NotebookPaste } from './NotebookPaste';
import { perSampleShape } from '../pitfalls/pitfallRules';
import { shapeOf } from './tensorOps';

const TRUE_MEANING: Record<FamilyId, string> = {
  binary: 'labels (0 or 1)', categorical: 'one-hot labels', sparse: 'class ids', kld: 'true distribution',
  poisson: 'observed counts', ctc: 'labels (0 = blank and padding)',
};

function orientation(v: Nested, pred: Nested): Orientation {
  const p = shapeOf(pred);
  const s = shapeOf(v);
  return s.length === 1 && p.length >= 2 && s[0] === p[0] ? 'column' : 'row';
}

function BatchEditors({ prefix, batch, doc }: { prefix: string; batch: UpdateDoc; doc: ExampleDoc }) {
  const setDoc = useStore((s) => s.setDoc);
  const family = familyOf(fnIdOf(doc.kind, doc.name)) ?? 'categorical';
  const shape = perSampleShape({ family, fn: '', prefix, ...batch, config: doc.config, dtype: doc.dtype, semantics: doc.semantics, backend: effectiveBackend(doc) });
  // The same array while the shape is the same: the grids memoise their rows and handlers on it.
  const shapeKey = shape.join(',');
  const ps = useMemo(() => shape, [shapeKey]);
  const field = (n: string) => `${prefix}${n}` as TensorField;
  const colNoun = family === 'ctc' ? 'c' : family === 'binary' ? 'e' : 'class ';
  const top = prefix === '';
  return (
    <>
      <TensorEditor field={field('y_true')} value={batch.y_true} batch={batch} meaning={TRUE_MEANING[family]}
        orientation={orientation(batch.y_true, batch.y_pred)} perSampleShape={ps} colNoun={family === 'ctc' ? 'l' : colNoun}>
        {top && <LabelHelpers />}
      </TensorEditor>
      <TensorEditor field={field('y_pred')} value={batch.y_pred} batch={batch} meaning={predMeaning(family, doc.config.from_logits === true)}
        orientation="row" perSampleShape={ps} colNoun={colNoun}>
        {top && <PredHelpers />}
      </TensorEditor>
      {batch.sample_weight === null ? (
        <button type="button" className="btn small add-weight"
          onClick={() => setDoc(editBatch(field('y_pred'), (b) => ({ ...b, sample_weight: Array.from({ length: shapeOf(b.y_pred)[0] ?? 1 }, () => 1) })))}>
          Add sample_weight
        </button>
      ) : (
        <TensorEditor field={field('sample_weight')} value={batch.sample_weight} batch={batch} meaning="weights"
          orientation={orientation(batch.sample_weight, batch.y_pred)} perSampleShape={ps} colNoun="w"
          onRemove={() => setDoc(editBatch(field('y_pred'), (b) => ({ ...b, sample_weight: null })))} />
      )}
    </>
  );
}

function MetricUpdates({ doc }: { doc: ExampleDoc }) {
  const setDoc = useStore((s) => s.setDoc);
  const toggleReset = (i: number, on: boolean) => setDoc((d) => ({
    ...d, reset_before: on ? [...d.reset_before, i].sort((a, b) => a - b) : d.reset_before.filter((x) => x !== i),
  }));
  return (
    <>
      {doc.updates.map((u, i) => (
        <fieldset className="update" key={i}>
          <legend>update_state() #{i}</legend>
          {i > 0 && (
            <label className="check">
              <input type="checkbox" checked={doc.reset_before.includes(i)} onChange={(e) => toggleReset(i, e.target.checked)} />
              reset_state() before this update
            </label>
          )}
          <BatchEditors prefix={`updates.${i}.`} batch={u} doc={doc} />
          {doc.updates.length > 1 && (
            <button type="button" className="btn small" onClick={() => setDoc((d) => ({
              ...d, updates: d.updates.filter((_, k) => k !== i),
              reset_before: d.reset_before.filter((x) => x !== i).map((x) => (x > i ? x - 1 : x)).filter((x) => x > 0),
            }))}>Remove update #{i}</button>
          )}
        </fieldset>
      ))}
      <button type="button" className="btn small" onClick={() => setDoc((d) => ({ ...d, updates: [...d.updates, d.updates[d.updates.length - 1]] }))}>
        Add an update_state() batch
      </button>
    </>
  );
}

export function InputsPanel() {
  const doc = useStore((s) => s.doc);
  const d = dims(doc);
  return (
    <section className="panel inputs" aria-labelledby="inputs-title" data-testid="panel.inputs">
      <h2 id="inputs-title">Inputs</h2>
      {doc.kind === 'metric'
        ? <MetricUpdates doc={doc} />
        : <BatchEditors prefix="" batch={{ y_true: doc.y_true, y_pred: doc.y_pred, sample_weight: doc.sample_weight }} doc={doc} />}
      <NotebookPaste />
      <BatchHelpers key={`${d.batch}x${d.classes}:${d.family}`} />
    </section>
  );
}
