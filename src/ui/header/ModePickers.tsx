/** Semantics (Keras 3 / tf.keras 2), Keras backend and dtype pickers, and the kernels that produced the numbers. */
import type { DType, KerasBackend, Semantics } from '../../engine/types';
import { BACKEND_LABELS, KERAS_BACKEND_ORDER } from '../common/backendNames';
import { useStore } from '../../state/useStore';
import { reductionsFor } from '../common/lossInfo';
import { SelectField } from '../common/SelectField';

export function SemanticsPicker() {
  const semantics = useStore((s) => s.doc.semantics);
  const setDoc = useStore((s) => s.setDoc);
  return (
    <SelectField label="Semantics"
      value={semantics}
      onChange={(e) => {
        const next = e.target.value as Semantics;
        setDoc((d) => {
          const r = d.config.reduction;
          // A reduction the other Keras does not have would only raise: drop it back to the default.
          if (typeof r === 'string' && !reductionsFor(next).includes(r)) {
            const { reduction: _r, ...config } = d.config;
            return { ...d, semantics: next, config };
          }
          return { ...d, semantics: next };
        });
      }}
    >
      <option value="keras3">keras3</option>
      <option value="tf_keras2">tf_keras2</option>
    </SelectField>
  );
}

/** Which Keras 3 backend's numbers to show; tf.keras 2 runs on TensorFlow only, so it is fixed there. */
export function KerasBackendPicker() {
  const backend = useStore((s) => s.doc.kerasBackend);
  const legacy = useStore((s) => s.doc.semantics === 'tf_keras2');
  const setDoc = useStore((s) => s.setDoc);
  return (
    <SelectField label="Keras backend" data-testid="keras-backend"
      value={legacy ? 'tensorflow' : backend}
      disabled={legacy}
      title={legacy ? 'tf.keras 2 runs on TensorFlow only' : 'KERAS_BACKEND: the backend Keras 3 computes with'}
      onChange={(e) => setDoc({ kerasBackend: e.target.value as KerasBackend })}
    >
      {KERAS_BACKEND_ORDER.map((b) => (
        <option key={b} value={b}>{BACKEND_LABELS[b]}{b === 'tensorflow' ? ' (Keras default)' : ''}</option>
      ))}
    </SelectField>
  );
}

export function DtypePicker() {
  const dtype = useStore((s) => s.doc.dtype);
  const setDoc = useStore((s) => s.setDoc);
  return (
    <SelectField label="dtype" value={dtype} onChange={(e) => setDoc({ dtype: e.target.value as DType })}>
      <option value="float32">float32</option>
      <option value="float64">float64</option>
    </SelectField>
  );
}

export function BackendIndicator() {
  const backend = useStore((s) => s.results.backend);
  const mode = useStore((s) => s.results.mode);
  const status = useStore((s) => s.results.status);
  return (
    <span className="backend" data-testid="backend" title={mode === 'main-thread' ? 'Running on the main thread (no worker available)' : 'Running in a Web Worker'}>
      {/* The playground's own kernels, not the Keras backend picked beside it. */}
      kernels: <strong>{backend}</strong>{mode === 'main-thread' ? ' (main thread)' : ''}
      {status === 'pending' && <span className="pending" aria-hidden="true"> ●</span>}
    </span>
  );
}
