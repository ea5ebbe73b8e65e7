/**
 * Buffers of the typed arrays in a reply, to transfer instead of copy (results hold Float32Array /
 * Float64Array tensors; a sweep can hold hundreds). Each buffer is listed once: a duplicate in a
 * transfer list is a DataCloneError.
 */
export function collectTransferables(value: unknown): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  const seen = new Set<object>();
  const walk = (v: unknown): void => {
    if (typeof v !== 'object' || v === null || seen.has(v)) return;
    seen.add(v);
    if (ArrayBuffer.isView(v)) {
      if (v.buffer instanceof ArrayBuffer && v.buffer.byteLength > 0) buffers.add(v.buffer);
      return;
    }
    if (v instanceof ArrayBuffer) {
      if (v.byteLength > 0) buffers.add(v);
      return;
    }
    for (const x of Array.isArray(v) ? v : Object.values(v)) walk(x);
  };
  walk(value);
  return [...buffers];
}

/**
 * Posts with the buffers transferred; if the browser refuses (a buffer it cannot detach, such as
 * WebAssembly memory), posts a copy instead: slower, still correct.
 */
export function postWithTransfer(
  post: (message: unknown, transfer: Transferable[]) => void, message: unknown,
): void {
  const transfer = collectTransferables(message);
  try {
    post(message, transfer);
  } catch {
    post(message, []);
  }
}
