import type { EngineErrorInfo } from './types';

/**
 * Errors raised where Keras raises, worded in Keras's spirit ("expected ..., received ...")
 * and naming the field and index the user has to fix.
 */
export class EngineError extends Error {
  override readonly name = 'EngineError';
  /** Input field at fault: `y_true`, `y_pred`, `sample_weight`, `config.gamma`, `updates[2].y_pred`, ... */
  readonly field?: string;
  /** Index of the offending entry inside the field, outermost first. */
  readonly index?: number[];

  constructor(message: string, field?: string, index?: number[]) {
    super(message);
    this.field = field;
    this.index = index;
  }
}

/** `y_pred[1][2]`: a field with its index path, as the messages print it. */
export function describeAt(field: string, index?: readonly number[]): string {
  return index && index.length ? `${field}${index.map((i) => `[${i}]`).join('')}` : field;
}

export function formatShape(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

/**
 * Any thrown value as EngineErrorInfo. Reads message, field and index from any object that has a
 * message (an EngineError, or one that crossed a realm or a structured clone and lost its class);
 * keys without a value are left out, so the info compares and serialises cleanly.
 */
export function toErrorInfo(e: unknown): EngineErrorInfo {
  if (e === null || typeof e !== 'object' || !('message' in e)) return { message: String(e) };
  const { message, field, index } = e as { message: unknown; field?: unknown; index?: unknown };
  const info: EngineErrorInfo = { message: String(message) };
  if (typeof field === 'string') info.field = field;
  if (Array.isArray(index)) info.index = index.filter((i): i is number => typeof i === 'number');
  return info;
}
