/**
 * The reductions table reads every reduction from ONE evaluation (the main result of a loss class,
 * or one evaluation of the class for a function or a metric batch). It must print exactly what
 * Keras prints for each reduction: what evaluating the loss class once per reduction gives (the
 * table's former five-evaluation path), number for number, on many random documents.
 */
import { describe, expect, it } from 'vitest';
import { initKernels } from '../../src/engine/accelerate';
import { evaluateMany, type EvalOutcome } from '../../src/engine/index';
import type { EvalOptions, LossRequest } from '../../src/engine/types';
import { effectiveBackend, type ExampleDoc } from '../../src/document/document';
import { requestOf } from '../../src/document/request';
import { mainPlan } from '../../src/state/bridge';
import { formatNumber } from '../../src/ui/common/format';
import { classOfFn, fnIdOf, paramsOf, reductionsFor } from '../../src/ui/common/lossInfo';
import { comparePlan, readCompare, reductionRows, type ReductionRow } from '../../src/ui/result/compare';
import { wasmBytes } from '../engine/wasm/helpers';
import { randomDocs } from './randomDocs';

/** The main result as the bridge asks for it. */
function mainOf(doc: ExampleDoc): EvalOutcome {
  return evaluateMany(mainPlan({ doc, revision: 0, request: requestOf(doc) }).build().items)[0];
}

/** The table as the results panel builds it now. */
function tableNow(doc: ExampleDoc, main: EvalOutcome): ReductionRow[] {
  if (doc.kind === 'loss') return main.ok ? reductionRows(main.result) : [];
  const plan = comparePlan(doc)!;
  return readCompare(plan, evaluateMany(plan.items)).reductions;
}

/**
 * The oracle: the loss class (the document's, or the class of its function or metric) on the
 * table's batch (a metric's last update), evaluated once per reduction with the given options
 * (by default as the former table did: no gradient, no steps).
 */
function tableBefore(doc: ExampleDoc, options: Partial<EvalOptions> = { grad: false, steps: false }): ReductionRow[] {
  const fn = fnIdOf(doc.kind, doc.name)!;
  const lossClass = doc.kind === 'loss' ? doc.name : classOfFn(fn);
  const batch = doc.kind === 'metric' ? doc.updates[doc.updates.length - 1] : doc;
  const keys = new Set([...paramsOf('loss', lossClass, doc.semantics).map((p) => p.name), 'reduction']);
  const config = Object.fromEntries(Object.entries(doc.config).filter(([k]) => keys.has(k)));
  const opts: EvalOptions = { dtype: doc.dtype, semantics: doc.semantics, kerasBackend: effectiveBackend(doc), ...options };
  return reductionsFor(doc.semantics).map((reduction) => {
    const req: LossRequest = { kind: 'loss', name: lossClass, config: { ...config, reduction }, y_true: batch.y_true, y_pred: batch.y_pred };
    if (batch.sample_weight !== null) req.sample_weight = batch.sample_weight;
    const [o] = evaluateMany([{ req, opts }]);
    return o.ok && o.result.kind !== 'metric' ? { reduction, value: Array.from(o.result.value.data) } : { reduction, value: null };
  });
}

const bits = (xs: number[] | null) => xs && xs.map((x) => (Number.isNaN(x) ? 'NaN' : Object.is(x, -0) ? '-0' : String(x)));

/** `options`: how the oracle evaluates (default: as the former table did). */
function compareTables(docs: ExampleDoc[], options: (doc: ExampleDoc) => Partial<EvalOptions> | undefined = () => undefined) {
  let compared = 0;
  const kinds = new Set<string>();
  for (const [i, doc] of docs.entries()) {
    const main = mainOf(doc);
    if (!main.ok) continue;  // Keras raises: the panel shows the error, no table
    const now = tableNow(doc, main);
    const before = tableBefore(doc, options(doc));
    const what = `doc ${i}: ${doc.kind} ${doc.name} ${JSON.stringify(doc.config)} ${doc.semantics}/${doc.kerasBackend} ${doc.dtype}`;
    expect(now.map((r) => r.reduction), what).toEqual(before.map((r) => r.reduction));
    now.forEach((r, k) => {
      // Bit for bit, hence also as printed in the document's dtype.
      expect(bits(r.value), `${what} ${r.reduction}`).toEqual(bits(before[k].value));
      expect(r.value?.map((v) => formatNumber(v, doc.dtype)), `${what} ${r.reduction}`).toEqual(before[k].value?.map((v) => formatNumber(v, doc.dtype)));
    });
    compared++;
    kinds.add(`${doc.kind}:${doc.semantics === 'tf_keras2' ? 'tf_keras2' : doc.kerasBackend}:${doc.dtype}`);
  }
  return { compared, kinds };
}

describe('the reductions table from one evaluation', () => {
  it('prints what one evaluation per reduction printed, on 800 random documents of every family, backend and dtype', () => {
    const { compared, kinds } = compareTables(randomDocs(800, 20240611));
    expect(compared).toBeGreaterThan(600);
    // loss / function / metric x (4 backends + tf.keras 2) x 2 dtypes
    expect(kinds.size).toBe(30);
  });

  it('masks from ignore_class scale the weights per reduction: each reduction still matches', () => {
    const docs = randomDocs(600, 7).filter((d) => d.name === 'SparseCategoricalCrossentropy' && d.config.ignore_class !== undefined);
    expect(docs.length).toBeGreaterThan(20);
    expect(compareTables(docs).compared).toBeGreaterThan(15);
  });
});

describe.each(['js', 'wasm-simd'] as const)('the reductions table of a large input on the %s kernels', (kernels) => {
  // Whether the kernels serve a call can depend on the gradient (they decline Poisson on JAX and
  // BinaryFocal with gamma = 0 when it is wanted): the oracle evaluates as the table's source did.
  const sourceOptions = (d: ExampleDoc): Partial<EvalOptions> | undefined =>
    (d.kind === 'loss' ? { grad: true, steps: requestOf(d).opts.steps } : undefined);
  it('matches one evaluation per reduction evaluated the same way', async () => {
    expect(await initKernels(kernels === 'js' ? { prefer: 'js' } : { prefer: 'wasm', simdWasm: wasmBytes() })).toBe(kernels);
    // 420 x 10 = 4,200 entries: past the explain view's limit, so the main result runs on the kernels too.
    const docs = randomDocs(48, 99, { batch: 420, classes: 10 });
    const lossesOnKernels = docs.filter((d) => {
      const m = mainOf(d);
      return d.kind === 'loss' && m.ok && m.result.kind === 'loss' && m.result.backend === kernels;
    });
    expect(lossesOnKernels.length).toBeGreaterThanOrEqual(8);
    expect(compareTables(docs, sourceOptions).compared).toBeGreaterThan(32);
  });
});
