/** The helper buttons beside the grids: label encodings, probabilities <-> logits, normalise, random example, resize. */
import { useId, useState } from 'react';
import type { ExampleDoc } from '../../document/document';
import { useStore } from '../../state/useStore';
import { convertPred, dims, labelCounterpart, normaliseAll, predConversions, randomize, resizeAll, toggleLabels } from './helpers';
import { familyOf, fnIdOf } from '../common/lossInfo';

function useApply() {
  const setDoc = useStore((s) => s.setDoc);
  return (f: (d: ExampleDoc) => ExampleDoc) => setDoc(f);
}

export function LabelHelpers() {
  const doc = useStore((s) => s.doc);
  const apply = useApply();
  const to = labelCounterpart(doc);
  if (!to) return null;
  return (
    <div className="helpers" role="group" aria-label="y_true helpers">
      <button type="button" className="btn small" onClick={() => apply(toggleLabels)}>
        {to.toSparse ? 'One-hot → sparse labels' : 'Sparse → one-hot labels'}
      </button>
      <span className="hint">switches to <code>{to.name}</code>; same number</span>
    </div>
  );
}

export function PredHelpers() {
  const doc = useStore((s) => s.doc);
  const apply = useApply();
  const family = familyOf(fnIdOf(doc.kind, doc.name));
  const binary = family === 'binary';
  const conv = predConversions(doc);
  const canNormalise = (family === 'categorical' || family === 'sparse' || family === 'kld') && doc.config.from_logits !== true;
  if (!conv.length && !canNormalise) return null;
  return (
    <div className="helpers" role="group" aria-label="y_pred helpers">
      {conv.includes('to-logits') && (
        <button type="button" className="btn small" onClick={() => apply((d) => convertPred(d, 'to-logits'))}>
          Probabilities → logits ({family === 'ctc' ? 'log' : binary ? 'logit' : 'log'})
        </button>
      )}
      {conv.includes('to-probabilities') && (
        <button type="button" className="btn small" onClick={() => apply((d) => convertPred(d, 'to-probabilities'))}>
          Logits → probabilities ({binary ? 'sigmoid' : 'softmax'})
        </button>
      )}
      {canNormalise && <button type="button" className="btn small" onClick={() => apply(normaliseAll)}>Normalise rows</button>}
    </div>
  );
}

/** Random example (with a seed) and resize batch / classes. */
export function BatchHelpers() {
  const doc = useStore((s) => s.doc);
  const apply = useApply();
  const d = dims(doc);
  const [seed, setSeed] = useState(1);
  const [batch, setBatch] = useState(String(d.batch));
  const [classes, setClasses] = useState(String(d.classes));
  const ids = { seed: useId(), batch: useId(), classes: useId() };
  const B = Number(batch);
  const C = Number(classes);
  const valid = Number.isInteger(B) && B >= 1 && B <= 256 && Number.isInteger(C) && C >= (d.family === 'ctc' ? 2 : 1) && C <= 256;
  return (
    <div className="batch-helpers" role="group" aria-label="Example helpers">
      <div className="row">
        <label htmlFor={ids.batch}>Batch</label>
        <input id={ids.batch} type="number" min={1} max={256} value={batch} onChange={(e) => setBatch(e.target.value)} aria-invalid={!valid || undefined} />
        <label htmlFor={ids.classes}>Classes</label>
        <input id={ids.classes} type="number" min={1} max={256} value={classes} onChange={(e) => setClasses(e.target.value)} aria-invalid={!valid || undefined} />
        <button type="button" className="btn small" disabled={!valid} onClick={() => apply((x) => resizeAll(x, B, C))}>Resize</button>
      </div>
      <div className="row">
        <label htmlFor={ids.seed}>Seed</label>
        <input id={ids.seed} type="number" value={seed} onChange={(e) => setSeed(Math.trunc(Number(e.target.value)) || 0)} />
        <button type="button" className="btn small" disabled={!valid} onClick={() => apply((x) => randomize(x, seed, B, C))}>Random example</button>
        <button type="button" className="btn small" disabled={!valid} onClick={() => { setSeed(seed + 1); apply((x) => randomize(x, seed + 1, B, C)); }} aria-label="Next random example">Next seed</button>
      </div>
      {!valid && <p className="field-error" role="alert">Batch must be 1–256 and classes {d.family === 'ctc' ? '2' : '1'}–256.</p>}
    </div>
  );
}
