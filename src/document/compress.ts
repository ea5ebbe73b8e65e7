/**
 * Raw-deflate + base64url for long links, and a bounded inflate that stops as soon as the output
 * passes the cap. fflate's `Inflate` inflates a whole pushed chunk before reporting it, so the input
 * is fed in small slices: one slice can grow at most ~1032x (deflate's ceiling), ~0.5 MB here.
 *
 * fflate is loaded on demand (loadCompression), keeping it out of the start-up bytes: most links
 * are plain. Until it has loaded, deflateText answers null (the caller keeps the plain link) and
 * inflateText throws, so whoever reads a `z=` link awaits loadCompression first (needsCompression).
 */
type Fflate = typeof import('fflate');

let fflate: Fflate | null = null;
let loading: Promise<void> | null = null;

/** Loads the deflate library once; later calls share the same promise. */
export function loadCompression(): Promise<void> {
  loading ??= import('fflate').then((m) => {
    fflate = m;
  });
  return loading;
}

export const compressionLoaded = (): boolean => fflate !== null;

/** True when reading `hash` needs the deflate library and it has not loaded yet. */
export function needsCompression(hash: string): boolean {
  return fflate === null && /(^|[#?&;])z=/.test(hash.replace(/&amp;/g, '&'));
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const SLICE_BYTES = 512;

export function base64urlEncode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = i + 1 >= bytes.length ? 2 : i + 2 >= bytes.length ? 3 : 4;
    for (let c = 0; c < chars; c++) out += ALPHABET[(n >> (18 - 6 * c)) & 63];
  }
  return out;
}

/** Bytes for a base64url string (no padding); throws on characters outside the alphabet. */
export function base64urlDecode(text: string): Uint8Array {
  const s = text.replace(/=+$/, '');
  if (s.length % 4 === 1) throw new Error('the payload is truncated');
  const out = new Uint8Array(Math.floor((s.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let j = 0;
  for (const ch of s) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) throw new Error(`unexpected character "${ch}" in the payload`);
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[j++] = (acc >> bits) & 255;
    }
  }
  return out;
}

/** The base64url raw deflate of `text`, or null while the deflate library is not loaded. */
export function deflateText(text: string): string | null {
  if (!fflate) return null;
  return base64urlEncode(fflate.deflateSync(fflate.strToU8(text), { level: 9 }));
}

/** Inflates a base64url payload to text, refusing output beyond `maxBytes`. Throws with a readable message. */
export function inflateText(payload: string, maxBytes: number): string {
  if (!fflate) throw new Error('the decompressor has not loaded yet; reload the page');
  const { Inflate, strFromU8 } = fflate;
  const input = base64urlDecode(payload);
  const chunks: Uint8Array[] = [];
  let total = 0;
  let done = false;
  const inflater = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > maxBytes) throw new Error(`the payload inflates past ${maxBytes} bytes`);
    chunks.push(chunk);
    done = final;
  });
  try {
    for (let i = 0; i < input.length; i += SLICE_BYTES) {
      inflater.push(input.subarray(i, i + SLICE_BYTES), i + SLICE_BYTES >= input.length);
    }
    if (input.length === 0) inflater.push(new Uint8Array(0), true);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new Error(msg.includes('inflates past') ? msg : `the payload is not valid deflate data (${msg})`);
  }
  if (!done) throw new Error('the payload is truncated');
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  const text = strFromU8(bytes);
  if (text.includes('\uFFFD')) throw new Error('the payload is not UTF-8 text');
  return text;
}
