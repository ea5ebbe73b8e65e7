/**
 * Elementwise maps of the vector exp/log over n floats (n a multiple of 4, 16-byte aligned):
 * the entry points that test/engine/wasm/math.test.ts uses to measure their error.
 */
import { exp4, expNonPos4, log4, logPos4, log1pUnit4 } from './math';

export function map_exp_f32(src: usize, dst: usize, n: i32): void {
  const end = <usize>n << 2;
  for (let i: usize = 0; i < end; i += 16) v128.store(dst + i, exp4(v128.load(src + i)));
}

export function map_exp_nonpos_f32(src: usize, dst: usize, n: i32): void {
  const end = <usize>n << 2;
  for (let i: usize = 0; i < end; i += 16) v128.store(dst + i, expNonPos4(v128.load(src + i)));
}

export function map_log_f32(src: usize, dst: usize, n: i32): void {
  const end = <usize>n << 2;
  for (let i: usize = 0; i < end; i += 16) v128.store(dst + i, log4(v128.load(src + i)));
}

export function map_log_pos_f32(src: usize, dst: usize, n: i32): void {
  const end = <usize>n << 2;
  for (let i: usize = 0; i < end; i += 16) v128.store(dst + i, logPos4(v128.load(src + i)));
}

export function map_log1p_unit_f32(src: usize, dst: usize, n: i32): void {
  const end = <usize>n << 2;
  for (let i: usize = 0; i < end; i += 16) v128.store(dst + i, log1pUnit4(v128.load(src + i)));
}
