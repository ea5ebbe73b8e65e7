/**
 * Training view, engine half (issue 15): what gradient descent does to the current predictions
 * under the current loss. DOM-free; every array in a result is a typed array (transferable).
 *
 * Model. The predictions are the image of logits z, which is what training moves:
 * - the loss reads logits (from_logits=True, CTC): y_pred = z;
 * - it reads probabilities: y_pred = softmax(z) along its class axis (categorical, categorical
 *   focal, sparse, KL divergence) or σ(z) per entry (binary, binary focal);
 * - Poisson reads rates y_pred = exp(z).
 * z starts at the inverse map of the current y_pred (log p, logit p, log rate; exact 0 and 1 start
 * ε = 1e-7 from the edge, where Keras's clip already reads them; softmax rows start from
 * y_pred / Σ y_pred; both cases add a warning, `train_start_clamped` / `train_start_renormalised`).
 * Each step takes the ENGINE's gradient of the loss as requested (its config, reduction,
 * sample_weight, mask, dtype, semantics and Keras backend) and carries it through the map with
 * the chain rule, so the path stays valid probabilities; clipping is Keras's, so an entry past a
 * clip bound can freeze (`clipped`). NumPy has no autodiff: an EngineError on `kerasBackend`.
 *
 * API.
 *   trainRun(req: LossRequest, opts: EvalOptions, params: TrainParams): TrainRun
 *     params: steps (1..1000 updates), optimizer 'sgd' (default) | 'adam', learning_rate
 *     (Keras's defaults: SGD 0.01, Adam 0.001), beta_1 / beta_2 / epsilon (Adam: 0.9, 0.999,
 *     1e-7), samples (per-sample indices to record, default the first 8), detailStep (keep
 *     step k's gradient and update), compare ({ label?, name?, config?, optimizer?,
 *     learning_rate? }: a second setting from the same starting z), path ('reference' forces
 *     an engine evaluation per step). Bad values throw EngineError with field `train.<name>`;
 *     errors of the compare setting are prefixed `compare:` and carry `train.compare.<field>`.
 *     Returns { main, compare } (compare null without one): one worker `extras` call carries both.
 *   trainStep(req, opts, params, k): TrainDetail — step k alone (runs k + 1 updates).
 *   A metric document trains on its function: build the request as sweepRequest does.
 *
 * TrainTrace (one per setting), for a run of N steps:
 * - loss[0..N]: the objective at z_0..z_N. objective 'reduced' is the scalar Keras returns
 *   (loss classes with a reducing reduction); 'sum' is the sum of an unreduced output (bare
 *   functions, reduction 'none'): what tf.GradientTape differentiates for a vector target.
 * - trueProb[(N + 1) x samples.length] (row-major by step) and meanTrueProb[N + 1] (mean over
 *   every sample with a value). What it is depends on the family (trueProbKind, see truth.ts):
 *   'class' (categorical, focal, KL: softmax at argmax y_true), 'label' (sparse: softmax at the
 *   label, NaN for ignore_class), 'entries' (binary: mean over the sample's entries of the
 *   probability of its 0/1 label), 'count' (Poisson: mean Poisson probability of the observed
 *   count), 'sequence' (CTC: exp(−per-sample loss), the probability of the label sequence).
 * - optimum[samples.length] | null: where trueProb goes at the loss's minimum, in closed form:
 *   with label smoothing ls over C classes 1 − ls + ls/C (binary C = 2); 1 when approached
 *   without bound; NaN where unknown (focal, gamma > 0, soft labels); null for CTC.
 * - clipped[0..N]: entries whose engine gradient is exactly 0 while their probability (in the
 *   compute dtype) sits on or past Keras's clip bound, at each evaluation.
 * - finalLogits, finalPred (y_pred's shape), detail (z_k, y_pred_k, dL/dz, Δz) or null,
 *   stopped ({ step, reason } when the loss turned non-finite or the engine raised; later
 *   entries NaN), warnings (the engine's for the request, then the start's), path ('fused'
 *   where a fused loop served the loss, see fusedPlan.ts; else 'reference').
 * Arithmetic: the loss and its gradient follow opts.dtype; the optimizer runs in float64 and,
 * with float32 compute, stores z (and Adam's m, v) rounded to float32, as Keras's variables.
 */
export { trainRun, trainStep } from './run';
export type * from './types';
