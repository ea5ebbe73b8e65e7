/**
 * One update of a training run, explained with its numbers: what the loss read, the gradient the
 * engine gave for the logits (dL/dz), and the step the optimizer took (Δz), as Keras writes SGD
 * and Adam. Pure presentation: the chart asks the engine for the step (trainStep) and passes it in.
 */
import type { DType } from '../../engine/types';
import type { TrainDetail, TrainReads, TrainTrace } from '../../engine/train';
import { formatNumber } from '../common/format';
import { StepTensor } from './StepTensor';

const READS: Record<TrainReads, string> = {
  logits: 'y_pred = z (the loss takes logits)',
  softmax: 'y_pred = softmax(z) along the class axis',
  sigmoid: 'y_pred = σ(z) for each entry',
  exp: 'y_pred = exp(z), a positive rate',
};

interface Props {
  detail: TrainDetail;
  /** The run the step belongs to (its optimizer, losses and shape). */
  run: TrainTrace;
  dtype: DType;
  /** A newer step is being computed (the numbers shown are the previous step's). */
  stale?: boolean;
}

function rule(o: TrainTrace['optimizer'], f: (x: number) => string): string {
  if (o.name === 'sgd') return `SGD: Δz = −lr · dL/dz, lr = ${f(o.learning_rate)}`;
  return `Adam at t = k + 1: m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g², Δz = −lr·√(1 − β₂ᵗ)/(1 − β₁ᵗ) · m/(√v + ε); `
    + `lr = ${f(o.learning_rate)}, β₁ = ${f(o.beta_1 ?? NaN)}, β₂ = ${f(o.beta_2 ?? NaN)}, ε = ${f(o.epsilon ?? NaN)}`;
}

export function TrainStep({ detail: d, run, dtype, stale }: Props) {
  const f = (x: number) => formatNumber(x, dtype);
  const k = d.step;
  const zeros = d.grad.reduce((n, g) => n + (g === 0 ? 1 : 0), 0);
  const clipped = run.clipped[k];
  const shape = run.shape;
  // Per-sample positions of y_pred's entries (CTC: one per sequence), for linking cells to samples.
  const lead = shape.slice(0, -1);
  const ps = lead.length && lead.reduce((a, b) => a * b, 1) === run.count ? lead : [run.count];
  return (
    <section className="train-step" data-testid="explain.train-step" data-step={k} aria-busy={stale || undefined} aria-labelledby="train-step-title">
      <h3 id="train-step-title">One step: the update from step {k} to step {k + 1}</h3>
      <p className="step-note">
        At step {k} the loss reads {READS[run.reads]}. The engine’s gradient of {run.name}, carried through that map by the
        chain rule, is dL/dz; the optimizer turns it into the step Δz, and z<sub>{k + 1}</sub> = z<sub>{k}</sub> + Δz.
      </p>
      <p className="step-math" data-part="rule">{rule(run.optimizer, f)}</p>
      <p className="step-math" data-part="loss">
        loss {f(run.loss[k])} at step {k} → <strong>{f(run.loss[k + 1])}</strong> at step {k + 1}
      </p>
      {zeros > 0 ? (
        <p className="step-note" data-part="zeros">
          {zeros} of {d.grad.length} entries have a gradient of exactly 0{clipped > 0 ? `; ${clipped} sit at Keras’s clip bound, where the clip passes no gradient, so they do not move` : ''}.
        </p>
      ) : null}
      <div className="train-step-tensors">
        <div>
          <div className="step-head"><code className="step-name">dL/dz</code> <span className="step-label">gradient at step {k}</span></div>
          <StepTensor tensor={{ shape, data: d.grad }} alignsWith="y_pred" dtype={dtype} changed={[]} perSampleShape={ps} label={`dL/dz at step ${k}`} />
        </div>
        <div>
          <div className="step-head"><code className="step-name">Δz</code> <span className="step-label">the update it made</span></div>
          <StepTensor tensor={{ shape, data: d.update }} alignsWith="y_pred" dtype={dtype} changed={[]} perSampleShape={ps} label={`Δz at step ${k}`} />
        </div>
      </div>
    </section>
  );
}
