/**
 * Resolve a request's Keras config: reject unknown names and wrong types (as Keras or a careful
 * Keras user would), fill in defaults, and build what `get_config()` returns.
 */
import { EngineError } from './errors';
import {
  FUNCTIONS, LOSS_CLASSES, METRIC_CLASSES, REDUCTION_PARAM, REDUCTIONS_KERAS3, REDUCTIONS_TF_KERAS2,
  functionId, lossClassFn, metricClass, type FnId, type ParamSpec,
} from './registry';
import type { DType, EngineWarning, Kind, Reduction, Semantics } from './types';

export interface ResolvedCall {
  fn: FnId;
  /** Function kwargs with defaults filled in. */
  kwargs: Record<string, unknown>;
  /** Loss classes only. */
  reduction: Reduction | null;
  /** Compute dtype requested by the config (`dtype=`), if any. */
  dtype: DType | null;
  /** get_config() of a class; the resolved kwargs of a function. */
  config: Record<string, unknown>;
  warnings: EngineWarning[];
}

const NAME: ParamSpec = { name: 'name', type: 'string', default: null, help: 'Name of the instance.' };
const DTYPE: ParamSpec = { name: 'dtype', type: 'dtype', default: null, help: 'Compute dtype (floatx when None).' };

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
      const allowed: readonly string[] = semantics === 'tf_keras2' ? REDUCTIONS_TF_KERAS2 : REDUCTIONS_KERAS3;
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

function configWarnings(kwargs: Record<string, unknown>): EngineWarning[] {
  const w: EngineWarning[] = [];
  const ls = kwargs.label_smoothing as number | undefined;
  if (ls !== undefined && (ls < 0 || ls > 1)) {
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

export function resolveLossCall(
  kind: 'loss' | 'function', name: string, config: Record<string, unknown>, semantics: Semantics,
): ResolvedCall {
  checkName(name);
  if (kind === 'function') {
    const fn = functionId(name);
    if (!fn) {
      throw new EngineError(`Unknown loss function ${name}. Expected one of: ${Object.keys(FUNCTIONS).join(', ')}.`, 'name');
    }
    const kwargs = resolveParams(FUNCTIONS[fn].params, config, name, semantics);
    return { fn, kwargs, reduction: null, dtype: null, config: kwargs, warnings: configWarnings(kwargs) };
  }
  const fn = lossClassFn(name);
  if (!fn) {
    throw new EngineError(`Unknown loss class ${name}. Expected one of: ${Object.keys(LOSS_CLASSES).join(', ')}.`, 'name');
  }
  let fnParams = FUNCTIONS[fn].params;
  // tf.keras 2's SparseCategoricalCrossentropy class had no axis argument (it always used -1).
  if (semantics === 'tf_keras2' && fn === 'sparse_categorical_crossentropy') fnParams = fnParams.filter((p) => p.name !== 'axis');
  const reductionSpec = { ...REDUCTION_PARAM, default: semantics === 'tf_keras2' ? 'auto' : 'sum_over_batch_size' };
  const extra = semantics === 'tf_keras2' ? [reductionSpec, NAME] : [reductionSpec, NAME, DTYPE];
  const all = resolveParams([...fnParams, ...extra], config, name, semantics);
  const kwargs: Record<string, unknown> = {};
  for (const p of fnParams) kwargs[p.name] = all[p.name];
  const cfg: Record<string, unknown> = { name: (all.name as string | null) ?? fn, reduction: all.reduction };
  for (const p of getConfigKeys(fn)) if (p in kwargs) cfg[p] = kwargs[p];
  return {
    fn, kwargs, reduction: all.reduction as Reduction, dtype: (all.dtype as DType | null | undefined) ?? null,
    config: cfg, warnings: configWarnings(kwargs),
  };
}

/** get_config keys after name and reduction, in Keras's order (3.15.1 SCCE omits axis). */
function getConfigKeys(fn: FnId): string[] {
  switch (fn) {
    case 'binary_crossentropy': return ['from_logits', 'label_smoothing', 'axis'];
    case 'binary_focal_crossentropy': return ['from_logits', 'label_smoothing', 'axis', 'apply_class_balancing', 'alpha', 'gamma'];
    case 'categorical_crossentropy': return ['from_logits', 'label_smoothing', 'axis'];
    case 'categorical_focal_crossentropy': return ['from_logits', 'label_smoothing', 'axis', 'alpha', 'gamma'];
    case 'sparse_categorical_crossentropy': return ['from_logits', 'ignore_class'];
    default: return [];
  }
}

export function resolveMetricCall(name: string, config: Record<string, unknown>, semantics: Semantics): ResolvedCall {
  checkName(name);
  const spec = metricClass(name);
  if (!spec) {
    throw new EngineError(`Unknown metric class ${name}. Expected one of: ${Object.keys(METRIC_CLASSES).join(', ')}.`, 'name');
  }
  const all = resolveParams([NAME, DTYPE, ...spec.params], config, `metric ${name}`, semantics);
  const kwargs: Record<string, unknown> = {};
  for (const p of spec.params) kwargs[p.name] = all[p.name];
  const legacyName = semantics === 'tf_keras2' && spec.fn === 'kl_divergence' ? 'kullback_leibler_divergence' : spec.fn;
  const cfg: Record<string, unknown> = { name: (all.name as string | null) ?? legacyName, dtype: all.dtype ?? 'float32', ...kwargs };
  return {
    fn: spec.fn, kwargs, reduction: null, dtype: (all.dtype as DType | null) ?? null, config: cfg,
    warnings: configWarnings(kwargs),
  };
}

/** Keras `from_config`: a config as get_config() wrote it, back to constructor kwargs. */
export function fromConfig(kind: Kind, name: string, config: Record<string, unknown>, semantics: Semantics): ResolvedCall {
  return kind === 'metric' ? resolveMetricCall(name, config, semantics) : resolveLossCall(kind, name, config, semantics);
}
