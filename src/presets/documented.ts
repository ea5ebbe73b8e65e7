/**
 * The numbers the Keras docs print, and whether ours agree "to the documented digits". Docs round
 * (1.177 for 1.1769392) but also truncate (0.8654 for 0.865458, 0.243 for 0.2436386), so a value
 * agrees when rounding OR truncating it at the printed precision gives the printed number.
 */
import type { EngineResult, Semantics } from '../engine/types';

export interface Documented {
  /** The printed numbers: a scalar, a per-sample list, or for metrics one number per result() call. */
  value: number | number[] | number[][];
  /** Exactly the digits the docs show, e.g. '1.177', '[0.0513, 2.303]', '[3.2058331e-05, 4.6627346e-01]'. */
  text: string;
  /**
   * Set when the printed digits come from a different Keras than the one the preset runs as
   * (the Keras 3 BinaryCrossentropy metric docs still print tf.keras 2 numbers).
   */
  semantics?: Semantics;
}

interface Printed {
  value: number;
  /** One unit in the last printed place. */
  step: number;
}

const TOKEN = /[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?/gi;

/** Each printed number with its precision: '0.0513' -> step 1e-4; '4.6627346e-01' -> step 1e-8. */
export function printedNumbers(text: string): Printed[] {
  return (text.match(TOKEN) ?? []).map((tok) => {
    const [mantissa, exp = '0'] = tok.toLowerCase().split('e');
    const decimals = mantissa.includes('.') ? mantissa.length - mantissa.indexOf('.') - 1 : 0;
    const e = Number(exp) - decimals;
    // 1 / 10 ** 4 is the double nearest 1e-4; 10 ** -4 is not, in V8.
    return { value: Number(tok), step: e >= 0 ? 10 ** e : 1 / 10 ** -e };
  });
}

/** The value a documented text stands for: a number, or a list when the docs print a list. */
export function documentedValue(text: string): number | number[] {
  const nums = printedNumbers(text).map((p) => p.value);
  return text.trim().startsWith('[') ? nums : nums[0];
}

type Numbers = number | ArrayLike<number> | readonly Numbers[];

function flatten(v: Numbers): number[] {
  if (typeof v === 'number') return [v];
  return Array.from(v as ArrayLike<Numbers>).flatMap((x) => flatten(x));
}

/** Does `x` print as `p`, rounded or truncated at p's precision? */
function agrees(x: number, p: Printed): boolean {
  if (!Number.isFinite(x)) return false;
  const units = x / p.step;
  const target = Math.round(p.value / p.step);
  // The nudge absorbs units like 81492423.9999999 that are the printed number in exact arithmetic.
  const truncated = Math.sign(units) * Math.floor(Math.abs(units) + 1e-7);
  return Math.round(units) === target || truncated === target;
}

/** True when every computed number agrees with the documented one to the digits the docs show. */
export function matchesDocumented(computed: Numbers, documented: Pick<Documented, 'text'>): boolean {
  const printed = printedNumbers(documented.text);
  const xs = flatten(computed);
  return xs.length === printed.length && xs.every((x, i) => agrees(x, printed[i]));
}

/** The numbers a result shows for comparison: the loss value (scalar or per sample), or each metric result. */
export function resultNumbers(result: EngineResult): number[] {
  return result.kind === 'metric' ? [...result.results] : Array.from(result.value.data);
}
