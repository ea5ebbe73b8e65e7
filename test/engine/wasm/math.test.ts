/**
 * Worst-case error of the vectorised exp/log (src/engine/wasm/assembly/math.ts) over the whole
 * float32 input range, against Math.exp/Math.log in float64, in units in the last place of the
 * float32 result. Inputs: every STRIDE-th float32 bit pattern (all signs, exponents, denormals
 * and specials), every float32 within 2^-9 of each polynomial switch, and for log1pUnit4 every
 * STRIDE-th float32 in [0, 1]. MATH_STRIDE=1 MATH_REPORT=1 runs the exhaustive scan and prints the maxima. The bounds below are the ones math.ts states; keep them in step.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSimdKernels, type WasmKernels } from '../../../src/engine/wasm/loader';
import { wasmBytes } from './helpers';

const STRIDE = Number(process.env.MATH_STRIDE ?? 64);
/** exp4's exhaustive maximum is 1.004 ulp (math.ts); the sample here sees 0.98. */
const ULP_BOUND = { exp4: 1.01, expNonPos4: 1.01, log4: 1.0, logPos4: 1.0, log1pUnit4: 1.5 };
const CHUNK = 1 << 20;

let k: WasmKernels;
let src: Float32Array;
let srcBits: Uint32Array;
let dst: Float32Array;
let srcPtr = 0;
let dstPtr = 0;

beforeAll(async () => {
  k = await loadSimdKernels(wasmBytes());
  const layout = k.reserve(1, CHUNK);
  const v = k.views(layout);
  src = v.yPred;
  dst = v.grad;
  srcBits = new Uint32Array(src.buffer, src.byteOffset, CHUNK);
  srcPtr = layout.yPred;
  dstPtr = layout.grad;
});

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
/** One float32 ulp at the magnitude of x (2^-149 below the normal range). */
function ulp32(x: number): number {
  F64[0] = x;
  const e = ((U32[1] >>> 20) & 0x7ff) - 1023;
  return 2 ** (Math.max(e, -126) - 23);
}

interface Scan {
  worst: number;
  at: number;
  specials: string[];
}

/** Bit-pattern ranges [first, last, step]: plain loops, no per-element generators. */
type Range = [number, number, number];

/**
 * Applies a map export to the given bit patterns and tracks the worst ulp error over inputs
 * where `inDomain` holds; results whose float32 rounding is non-finite must match exactly.
 */
function scan(
  map: 'map_exp_f32' | 'map_exp_nonpos_f32' | 'map_log_f32' | 'map_log_pos_f32' | 'map_log1p_unit_f32',
  ref: (x: number) => number,
  ranges: Range[],
  inDomain: (x: number) => boolean,
): Scan {
  const result: Scan = { worst: 0, at: NaN, specials: [] };
  const fn = k.exports[map];
  let n = 0;
  const flush = (): void => {
    const m = (n + 3) & ~3;
    for (let i = n; i < m; i++) srcBits[i] = 0;
    fn(srcPtr, dstPtr, m);
    for (let i = 0; i < n; i++) {
      const x = src[i];
      if (!inDomain(x)) continue;
      const exact = ref(x);
      const got = dst[i];
      const rounded = Math.fround(exact);
      if (!Number.isFinite(rounded) || Number.isNaN(exact)) {
        if (!Object.is(got, rounded) && !(Number.isNaN(got) && Number.isNaN(rounded))) result.specials.push(`${map}(${x}) = ${got}, expected ${rounded}`);
        continue;
      }
      const err = Math.abs(got - exact) / ulp32(exact);
      if (!(err <= result.worst)) {
        result.worst = Number.isNaN(err) ? Infinity : err;
        result.at = x;
      }
    }
    n = 0;
  };
  for (const [first, last, step] of ranges) {
    for (let b = first; b <= last; b += step) {
      srcBits[n++] = b >>> 0;
      if (n === CHUNK) flush();
    }
  }
  if (n > 0) flush();
  return result;
}

/** Every stride-th bit pattern, plus the specials. */
function everyNth(stride: number): Range[] {
  return [[0, 2 ** 32 - 1, stride], [0x7f800000, 0x7f800000, 1], [0xff800000, 0xff800000, 1], [0x7fc00000, 0x7fc00000, 1], [0x80000000, 0x80000000, 1]];
}

/** Every float32 within `radius` steps of x (x > 0). */
function around(x: number, radius: number): Range {
  const center = new Uint32Array(new Float32Array([x]).buffer)[0];
  return [center - radius, center + radius, 1];
}

/** Every float32 within `radius` steps of -x (x > 0). */
function negAround(x: number, radius: number): Range {
  const [a, b, c] = around(x, radius);
  return [(a | 0x80000000) >>> 0, (b | 0x80000000) >>> 0, c];
}

const all = (): boolean => true;
const measured: Record<string, string> = {};

describe('vectorised float32 exp and log', { timeout: 120_000 }, () => {
  it('exp4 is within 1.01 ulp over the whole float32 range', () => {
    const r = scan('map_exp_f32', Math.exp, [...everyNth(STRIDE), around(88.72283, 4096), negAround(87.3365, 4096), negAround(103.97, 4096), negAround(0.3466, 8192)], all);
    expect(r.specials).toEqual([]);
    measured.exp4 = `${r.worst.toFixed(3)} ulp at ${r.at}`;
    expect(r.worst, `worst at ${r.at}`).toBeLessThanOrEqual(ULP_BOUND.exp4);
  });

  it('expNonPos4 is within 1.01 ulp for x <= 0 down to log(2^-126), and never denormal below', () => {
    const normal = (x: number): boolean => x <= 0 && x >= -87.33654;
    const r = scan('map_exp_nonpos_f32', Math.exp, [...everyNth(STRIDE), negAround(0.3466, 8192), negAround(87.33654, 4096)], normal);
    expect(r.specials).toEqual([]);
    measured.expNonPos4 = `${r.worst.toFixed(3)} ulp at ${r.at}`;
    expect(r.worst, `worst at ${r.at}`).toBeLessThanOrEqual(ULP_BOUND.expNonPos4);
    const tail = scan('map_exp_nonpos_f32', () => 0, everyNth(STRIDE * 16), (x) => x < -87.33654);
    expect(tail.worst * 2 ** -149).toBeLessThan(1.2e-38);
  });

  it('log4 is within 1 ulp for every positive float32, denormals included, and exact on specials', () => {
    const r = scan('map_log_f32', Math.log, [...everyNth(STRIDE), around(Math.SQRT1_2, 8192), around(1, 8192), around(1.2e-38, 4096)], all);
    expect(r.specials).toEqual([]);
    measured.log4 = `${r.worst.toFixed(3)} ulp at ${r.at}`;
    expect(r.worst, `worst at ${r.at}`).toBeLessThanOrEqual(ULP_BOUND.log4);
  });

  it('logPos4 is within 1 ulp for positive normal inputs', () => {
    const r = scan('map_log_pos_f32', Math.log, [...everyNth(STRIDE), around(Math.SQRT2, 8192)], (x) => x >= 2 ** -126 && x < Infinity);
    measured.logPos4 = `${r.worst.toFixed(3)} ulp at ${r.at}`;
    expect(r.worst, `worst at ${r.at}`).toBeLessThanOrEqual(ULP_BOUND.logPos4);
  });

  it('log1pUnit4 is within 1.5 ulp on [0, 1], tiny inputs included', () => {
    const r = scan('map_log1p_unit_f32', Math.log1p, [[0, 0x3f800000, STRIDE], around(0.41421356, 1 << 16)], (x) => x >= 0 && x <= 1);
    measured.log1pUnit4 = `${r.worst.toFixed(3)} ulp at ${r.at}`;
    expect(r.worst, `worst at ${r.at}`).toBeLessThanOrEqual(ULP_BOUND.log1pUnit4);
  });

  afterAll(() => {
    if (process.env.MATH_REPORT) console.info('worst-case error (stride %d):', STRIDE, measured);
  });
});
