/**
 * The catalog of Keras losses, functions and metrics (pure data, see losses.ts and params.ts) and
 * the lookups everyone derives from it: the engine's config resolution and kernel choice, the
 * page's loss info, the charts, the CLI and the link schema. Imports no implementation, so the
 * page can read it without bundling the engine.
 */
import type { Kind, Semantics } from '../types';
import {
  FUNCTIONS, LOSS_CLASSES, METRIC_CLASSES,
  type FamilyId, type FnId, type KernelId, type LossClassName, type LossClassRow, type MetricClassName, type MetricClassRow,
} from './losses';
import { CLASS_PARAMS, PARAMS, REDUCTIONS, type ParamId, type ParamSpec, type ParamType, type ParamValue } from './params';

export * from './losses';
export * from './params';

type Spec<P extends ParamId> = (typeof PARAMS)[P];

/** The resolved kwargs of a function: every parameter present, typed by the catalog. */
export type KwargsOf<F extends FnId> = {
  [P in (typeof FUNCTIONS)[F]['params'][number] as Spec<P>['name']]: ParamValue[Spec<P>['type']];
};

/** Any function's resolved kwargs (`'gamma' in kwargs` narrows to the focal losses). */
export type Kwargs = { [F in FnId]: KwargsOf<F> }[FnId];

/** Functions a fused kernel serves. */
export type KernelFn = { [F in FnId]: (typeof FUNCTIONS)[F]['kernel'] extends KernelId ? F : never }[FnId];

/**
 * Lookups by a name the user controls: own keys only, so `constructor` or `toString` is an
 * unknown name rather than a prototype member.
 */
export function functionId(name: unknown): FnId | null {
  return typeof name === 'string' && Object.hasOwn(FUNCTIONS, name) ? (name as FnId) : null;
}

export function lossClass(name: unknown): LossClassRow | null {
  return typeof name === 'string' && Object.hasOwn(LOSS_CLASSES, name) ? LOSS_CLASSES[name as LossClassName] : null;
}

export function lossClassFn(name: unknown): FnId | null {
  return lossClass(name)?.fn ?? null;
}

export function metricClass(name: unknown): MetricClassRow | null {
  return typeof name === 'string' && Object.hasOwn(METRIC_CLASSES, name) ? METRIC_CLASSES[name as MetricClassName] : null;
}

/** The Keras function behind a loss class, a function or a metric class; null when unknown. */
export function fnIdOf(kind: Kind, name: unknown): FnId | null {
  if (kind === 'function') return functionId(name);
  return kind === 'metric' ? metricClass(name)?.fn ?? null : lossClassFn(name);
}

/**
 * The shape of input a function takes, which decides an example's tensors, the grid helpers, the
 * pitfalls and the explain notes (see FamilyId).
 */
export function familyOf(fn: FnId | null): FamilyId | null {
  return fn ? FUNCTIONS[fn].family : null;
}

/** The function a class or function name stands for, whichever it is (classes and functions never share a name). */
export function fnOfName(name: unknown): FnId | null {
  return functionId(name) ?? lossClassFn(name);
}

const keysOf = <T extends object>(o: T) => Object.keys(o) as (keyof T)[];

/** The loss class that wraps a function (every function has one). */
export function classOfFn(fn: FnId): LossClassName {
  return keysOf(LOSS_CLASSES).find((c) => LOSS_CLASSES[c].fn === fn)!;
}

/** The metric class that averages the same function, if Keras has one. */
export function metricOfFn(fn: FnId): MetricClassName | null {
  return keysOf(METRIC_CLASSES).find((m) => METRIC_CLASSES[m].fn === fn) ?? null;
}

export function specsOf(ids: readonly ParamId[]): ParamSpec[] {
  return ids.map((id) => PARAMS[id]);
}

export function functionParams(fn: FnId): ParamSpec[] {
  return specsOf(FUNCTIONS[fn].params);
}

/** The function kwargs a loss class takes under the semantics. */
export function lossClassParams(row: LossClassRow, semantics: Semantics): ParamSpec[] {
  const params = functionParams(row.fn);
  const omit: readonly string[] = semantics === 'tf_keras2' ? row.tfKeras2Omits ?? [] : [];
  return params.filter((p) => !omit.includes(p.name));
}

/** The kwargs a user can set on a loss, function or metric (without reduction, name, dtype), in Keras's order. */
export function paramsOf(kind: Kind, name: unknown, semantics: Semantics): ParamSpec[] {
  if (kind === 'metric') return specsOf(metricClass(name)?.params ?? []);
  if (kind === 'function') {
    const fn = functionId(name);
    return fn ? functionParams(fn) : [];
  }
  const row = lossClass(name);
  return row ? lossClassParams(row, semantics) : [];
}

/** A function's kwargs at their Keras defaults. */
export function defaultsOf<F extends FnId>(fn: F): KwargsOf<F> {
  const out: Record<string, unknown> = {};
  for (const p of functionParams(fn)) out[p.name] = p.default;
  return out as KwargsOf<F>;
}

/** The axis a function reduces: its `axis` kwarg, else the last (KLD, Poisson and CTC take none). */
export function featureAxis(kwargs: Kwargs): number {
  return 'axis' in kwargs ? kwargs.axis : -1;
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const HOLDS: Record<ParamType, (v: unknown) => boolean> = {
  bool: (v) => typeof v === 'boolean',
  number: isNumber,
  alpha: isNumber,
  axis: Number.isInteger,
  int_or_null: (v) => v === null || Number.isInteger(v),
  alpha_or_list: (v) => isNumber(v) || (Array.isArray(v) && v.length > 0 && v.every(isNumber)),
  reduction: (v) => typeof v === 'string',
  string: (v) => typeof v === 'string',
  dtype: (v) => v === null || v === 'float32' || v === 'float64',
};

/**
 * A kwarg read from a config that lists only the keys passed (a document's): the value when it
 * has the param's type, else the catalog's default. For the page; the engine resolves configs in
 * config.ts, with errors.
 */
export function kwarg<P extends ParamId>(config: Record<string, unknown>, id: P): ParamValue[Spec<P>['type']] {
  const spec: ParamSpec = PARAMS[id];
  const v = Object.hasOwn(config, spec.name) ? config[spec.name] : undefined;
  return (HOLDS[spec.type](v) ? v : spec.default) as ParamValue[Spec<P>['type']];
}

/** Reductions a loss class accepts under the semantics, default first. */
export function reductionsFor(semantics: Semantics): readonly string[] {
  return REDUCTIONS[semantics];
}

export function reductionParam(semantics: Semantics): ParamSpec {
  return { ...CLASS_PARAMS.reduction, default: REDUCTIONS[semantics][0] };
}

/** The fused kernel that serves a function (typed non-null for a KernelFn). */
export function kernelOf<F extends FnId>(fn: F): (typeof FUNCTIONS)[F]['kernel'] {
  return FUNCTIONS[fn].kernel;
}

export function hasKernel(fn: FnId): fn is KernelFn {
  return FUNCTIONS[fn].kernel !== null;
}

/** Focal losses take gamma and alpha (their kernels resolve alpha per column). */
export function isFocal(fn: FnId): boolean {
  return FUNCTIONS[fn].crossEntropy === 'focal';
}
