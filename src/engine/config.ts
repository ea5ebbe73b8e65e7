/**
 * Resolve a request's Keras config: reject unknown names and wrong types (as Keras or a careful
 * Keras user would), fill in the catalog's defaults, and build what `get_config()` returns.
 */
import {
  CLASS_PARAMS, FUNCTIONS, LOSS_CLASSES, METRIC_CLASSES, REDUCTIONS, defaultsOf, functionId, functionParams, lossClass,
  lossClassParams, metricClass, reductionParam, specsOf, type FnId, type KwargsOf, type ParamSpec,
} from './catalog';
import { EngineError } from './errors';
import type { DType, EngineWarning, Kind, Reduction, Semantics } from './types';

export interface ResolvedCallOf<F extends FnId> {
  fn: F;
  /** Every kwarg of the function, typed: the ones passed, else the catalog's defaults. */
  kwargs: KwargsOf<F>;
  /** Loss classes only. */
  reduction: Reduction | null;
  /** Compute dtype requested by the config (`dtype=`), if any. */
  dtype: DType | null;
  /** get_config() of a class; the resolved kwargs of a function. */
  config: Record<string, unknown>;
  warnings: EngineWarning[];
}

/** A resolved call of any function: narrowing on `fn` types its kwargs. */
export type ResolvedCall = { [F in FnId]: ResolvedCallOf<F> }[FnId];

/** Any function's kwargs (`'gamma' in kwargs` narrows). */
export type Kwargs = ResolvedCall['kwargs'];

const NAME: ParamSpec = CLASS_PARAMS.name;
const DTYPE: ParamSpec = CLASS_PARAMS.dtype;

function typeName(v: unknown): string {
  return v === null ? 'None' : Array.isArray(v) ? 'list' : typeof v;
}

function checkValue(spec: ParamSpec, v: unknown, semantics: Semantics): unknown {
  const field = `config.${spec.name}`;
  const bad = (expected: string): never => {
    throw new EngineError(`${field}: expected ${expected}, received ${JSON.stringify(v)} (${typeName(v)}).`, field);
  };
  switch (spec.type) {
    case 'bool':
      return typeof v === 'boolean' ? v : bad('true or false');
    case 'number':
    case 'alpha':
      return typeof v === 'number' && Number.isFinite(v) ? v : bad('a finite number');
    case 'alpha_or_list':
      if (typeof v === 'number' && Number.isFinite(v)) return v;
      if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'number' && Number.isFinite(x))) return v.slice();
      return bad('a finite number or a non-empty list of numbers (one per class)');
    case 'axis':
      if (typeof v === 'boolean') {
        throw new EngineError(`axis must be of type int. Received: axis=${v ? 'True' : 'False'} of type bool.`, field);
      }
      return typeof v === 'number' && Number.isInteger(v) ? v : bad('an integer');
    case 'int_or_null':
      return v === null || (typeof v === 'number' && Number.isInteger(v)) ? v : bad('an integer or null');
    case 'string':
      return typeof v === 'string' ? v : bad('a string');
    case 'dtype':
      return v === null || v === 'float32' || v === 'float64' ? v : bad('"float32", "float64" or null');
    case 'reduction': {
      const allowed: readonly string[] = REDUCTIONS[semantics];
      if (v === null && semantics === 'keras3') return 'none';
      if (typeof v === 'string' && allowed.includes(v)) return v;
      throw new EngineError(
        `Invalid value for argument reduction. Expected one of {${allowed.map((a) => `'${a}'`).join(', ')}` +
          `${semantics === 'keras3' ? ', None' : ''}}. Received: reduction=${v === null ? 'None' : String(v)}`,
        field,
      );
    }
  }
}

function resolveParams(
  specs: ParamSpec[], config: Record<string, unknown>, owner: string, semantics: Semantics,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const known = new Map(specs.map((s) => [s.name, s]));
  for (const key of Object.keys(config)) {
    if (!known.has(key)) {
      throw new EngineError(
        `Unknown parameter ${key} for ${owner}. Expected one of: ${specs.map((s) => s.name).join(', ') || '(none)'}.`,
        `config.${key}`,
      );
    }
  }
  for (const s of specs) out[s.name] = key(config, s.name) ? checkValue(s, config[s.name], semantics) : s.default;
  return out;
}

function key(o: Record<string, unknown>, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k) && o[k] !== undefined;
}

function configWarnings(kwargs: Kwargs): EngineWarning[] {
  const w: EngineWarning[] = [];
  if (!('label_smoothing' in kwargs)) return w;
  const ls = kwargs.label_smoothing;
  if (ls < 0 || ls > 1) {
    w.push({
      code: 'label_smoothing_range',
      message: `label_smoothing=${ls} is outside [0, 1]: Keras accepts it silently and the smoothed labels leave [0, 1].`,
      field: 'config.label_smoothing',
    });
  }
  return w;
}

/** A name must be a string (a list such as ["CTC"] is not coerced) and a config a plain object. */
function checkName(name: unknown): void {
  if (typeof name !== 'string') {
    throw new EngineError(`expected a Keras class or function name (a string), received ${JSON.stringify(name)} (${typeName(name)}).`, 'name');
  }
}

export function checkConfig(config: unknown): Record<string, unknown> {
  if (config === undefined || config === null) return {};
  if (typeof config !== 'object' || Array.isArray(config)) {
    throw new EngineError(`expected an object of Keras kwargs, received ${JSON.stringify(config)} (${typeName(config)}).`, 'config');
  }
  return config as Record<string, unknown>;
}

/**
 * The one place untyped values become typed kwargs: every value was checked against its catalog
 * type by resolveParams, and the keys are the function's own catalog params.
 */
function call(
  fn: FnId, kwargs: Record<string, unknown>, rest: Omit<ResolvedCallOf<FnId>, 'fn' | 'kwargs' | 'warnings'>,
): ResolvedCall {
  const typed = { ...defaultsOf(fn), ...kwargs } as Kwargs;
  return { fn, kwargs: typed, ...rest, warnings: configWarnings(typed) } as ResolvedCall;
}

function pick(all: Record<string, unknown>, specs: ParamSpec[]): Record<string, unknown> {
  return Object.fromEntries(specs.map((p) => [p.name, all[p.name]]));
}

export function resolveLossCall(
  kind: 'loss' | 'function', name: string, config: Record<string, unknown>, semantics: Semantics,
): ResolvedCall {
  checkName(name);
  if (kind === 'function') {
    const fn = functionId(name);
    if (!fn) {
      throw new EngineError(`Unknown loss function ${name}. Expected one of: ${Object.keys(FUNCTIONS).join(', ')}.`, 'name');
    }
    const kwargs = resolveParams(functionParams(fn), config, name, semantics);
    return call(fn, kwargs, { reduction: null, dtype: null, config: kwargs });
  }
  const row = lossClass(name);
  if (!row) {
    throw new EngineError(`Unknown loss class ${name}. Expected one of: ${Object.keys(LOSS_CLASSES).join(', ')}.`, 'name');
  }
  const fnParams = lossClassParams(row, semantics);
  const reductionSpec = reductionParam(semantics);
  const extra = semantics === 'tf_keras2' ? [reductionSpec, NAME] : [reductionSpec, NAME, DTYPE];
  const all = resolveParams([...fnParams, ...extra], config, name, semantics);
  const kwargs = pick(all, fnParams);
  const full: Record<string, unknown> = { ...defaultsOf(row.fn), ...kwargs };
  const cfg: Record<string, unknown> = { name: (all.name as string | null) ?? row.fn, reduction: all.reduction };
  for (const p of row.getConfig) cfg[p] = full[p];
  return call(row.fn, kwargs, {
    reduction: all.reduction as Reduction, dtype: (all.dtype as DType | null | undefined) ?? null, config: cfg,
  });
}

export function resolveMetricCall(name: string, config: Record<string, unknown>, semantics: Semantics): ResolvedCall {
  checkName(name);
  const spec = metricClass(name);
  if (!spec) {
    throw new EngineError(`Unknown metric class ${name}. Expected one of: ${Object.keys(METRIC_CLASSES).join(', ')}.`, 'name');
  }
  const params = specsOf(spec.params);
  const all = resolveParams([NAME, DTYPE, ...params], config, `metric ${name}`, semantics);
  const kwargs = pick(all, params);
  const defaultName = (semantics === 'tf_keras2' && spec.tfKeras2Name) || spec.fn;
  const cfg: Record<string, unknown> = { name: (all.name as string | null) ?? defaultName, dtype: all.dtype ?? 'float32', ...kwargs };
  return call(spec.fn, kwargs, { reduction: null, dtype: (all.dtype as DType | null) ?? null, config: cfg });
}

/** Keras `from_config`: a config as get_config() wrote it, back to constructor kwargs. */
export function fromConfig(kind: Kind, name: string, config: Record<string, unknown>, semantics: Semantics): ResolvedCall {
  return kind === 'metric' ? resolveMetricCall(name, config, semantics) : resolveLossCall(kind, name, config, semantics);
}
