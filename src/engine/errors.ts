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
