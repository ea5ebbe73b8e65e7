import { exp4, expNonPos4, log4, logPos4, log1pUnit4 } from './math';

/** Maps exp4 over n floats (n a multiple of 4): the accuracy test's entry point. */
export function map_exp_f32(src: usize, dst: usize, n: i32): void {
  for (let i: usize = 0; i < (<usize>n << 2); i += 16) v128.store(dst + i, exp4(v128.load(src + i)));
}
export function map_exp_nonpos_f32(src: usize, dst: usize, n: i32): void {
  for (let i: usize = 0; i < (<usize>n << 2); i += 16) v128.store(dst + i, expNonPos4(v128.load(src + i)));
}
export function map_log_f32(src: usize, dst: usize, n: i32): void {
  for (let i: usize = 0; i < (<usize>n << 2); i += 16) v128.store(dst + i, log4(v128.load(src + i)));
}
export function map_log_pos_f32(src: usize, dst: usize, n: i32): void {
  for (let i: usize = 0; i < (<usize>n << 2); i += 16) v128.store(dst + i, logPos4(v128.load(src + i)));
}
export function map_log1p_unit_f32(src: usize, dst: usize, n: i32): void {
  for (let i: usize = 0; i < (<usize>n << 2); i += 16) v128.store(dst + i, log1pUnit4(v128.load(src + i)));
}
export function heap_base(): usize { return __heap_base; }
