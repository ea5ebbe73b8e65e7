/**
 * Shareable links: a document <-> the text after `#`. Pure; `decode` never throws.
 *
 *   v=1&n=88&name=BinaryCrossentropy&from_logits=true&y_true=[0,1,0,0]&y_pred=[-18.6,0.51,2.94,-12.8]
 *
 * Parameters may come in any order and be separated by `&`, `&amp;` or `;`; `n` is the length of
 * the parameters after it, so a link that was cut short says so. Unknown keys are reported.
 * Keys are Keras's spelling (see fields.ts); only values that differ from the link's base document
 * are written (linkBase.ts: the defaults, the named loss's example, or a preset), except config keys,
 * which are written whenever present (a config lists the kwargs that were passed). Tensors are
 * compact JSON with numbers in shortest round-trip form. A link that stays readable is written as
 * it is; a long one becomes `v=1&z=<base64url raw deflate of the same text>` when that is shorter
 * (once the deflate library has loaded: see compress.ts).
 */
import { defaultDoc, type ExampleDoc } from './document';
import { deepEqual } from './nested';
import { deflateText, inflateText } from './compress';
import { FIELDS, fieldName, formatText, parseText, readField, writeField } from './fields';
import { encodeBase, fillExample, presetBase, type PresetLookup } from './linkBase';
import { check, FORBIDDEN_KEYS, LIMITS, type DecodeError } from './schema';

export type { PresetLookup } from './linkBase';

export const URL_VERSION = 1;
/** Plain parameters longer than this carry their length (`n`). */
const CHECK_LENGTH_ABOVE = 80;
/**
 * Plain links up to this length are kept plain: a few lines a reader can check and edit (a CTC
 * example's logits fit) beat a shorter opaque blob. Longer ones are compressed when that is shorter.
 */
export const PLAIN_UP_TO = 400;

/** Percent-encode, but leave `[ ] ,` readable: they cannot end a parameter and browsers keep them in the hash. */
const escapeValue = (s: string): string =>
  encodeURIComponent(s).replace(/%5B/g, '[').replace(/%5D/g, ']').replace(/%2C/g, ',');

/** The parameters (without `v`) that describe `doc`, in table order. */
function plainParams(doc: ExampleDoc, presets?: PresetLookup): string {
  const { base, allConfig, force } = encodeBase(doc, presets);
  const parts: string[] = [];
  for (const f of FIELDS) {
    const v = readField(doc, f);
    if (v === undefined) continue;
    const always = force.has(f.key) || (allConfig && f.path[0] === 'config');
    if (!always && deepEqual(v, readField(base, f))) continue;
    parts.push(`${f.key}=${escapeValue(formatText(f, v))}`);
  }
  return parts.join('&');
}

/**
 * The hash text (without `#`) for a document. With `presets`, an unmodified preset is written as
 * its id (and any view change); decode it with the same lookup.
 */
export function encode(doc: ExampleDoc, presets?: PresetLookup): string {
  const params = plainParams(doc, presets);
  // n = the length of the parameters after it: a link cut short (by a chat tool, a line break)
  // then says so instead of loading a different document. Short links, which are typed and read
  // rather than wrapped, stay without it; compressed payloads check themselves.
  const counted = params.length > CHECK_LENGTH_ABOVE ? `n=${params.length}&` : '';
  const plain = params ? `v=${URL_VERSION}&${counted}${params}` : `v=${URL_VERSION}`;
  if (plain.length <= PLAIN_UP_TO) return plain;
  const deflated = deflateText(params); // null until the deflate library has loaded: plain it is
  if (deflated === null) return plain;
  const packed = `v=${URL_VERSION}&z=${deflated}`;
  return packed.length < plain.length ? packed : plain;
}

/**
 * The parameters of a hash in their order. `&` is the separator; `&amp;` (HTML and some chat tools
 * escape it) and `;` (the other separator the URL standard once allowed) are read as `&` too.
 */
function splitParams(text: string): string[] {
  return text.replace(/&amp;/g, '&').split(/[&;]/).filter((p) => p !== '');
}

/** Splits `a=1&b=2` into a Map (first occurrence wins), reporting undecodable and forbidden keys. */
function parseParams(parts: string[], errors: DecodeError[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of parts) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const rawKey = eq < 0 ? part : part.slice(0, eq);
    let key: string;
    let value: string;
    try {
      key = decodeURIComponent(rawKey);
      value = eq < 0 ? '' : decodeURIComponent(part.slice(eq + 1));
    } catch {
      errors.push({ field: rawKey.slice(0, 40), message: 'the value is not valid percent-encoding' });
      continue;
    }
    if (FORBIDDEN_KEYS.has(key)) {
      errors.push({ field: key, message: 'this key is not allowed and was ignored' });
      continue;
    }
    if (!out.has(key)) out.set(key, value);
  }
  return out;
}

/** True when a hash carries a document (rather than being empty or an in-page anchor), `v` anywhere in it. */
export function hasDoc(hash: string): boolean {
  return /(^|[#?&;])v=/.test(hash.slice(0, LIMITS.maxHashChars).replace(/&amp;/g, '&'));
}

const KNOWN_KEYS = new Set(['v', 'z', 'n', ...FIELDS.map((f) => f.key)]);

/**
 * Checks the length field `n` against what arrived. A shorter link was cut off: its last
 * parameter may be cut mid-value (0.25 read as 0.2), so it is dropped and named.
 */
function checkLength(parts: string[], errors: DecodeError[]): string[] {
  const n = parts.find((p) => p.startsWith('n='));
  if (n === undefined) return parts; // hand-written links and links from before the check
  const want = Number(n.slice(2));
  const rest = parts.filter((p) => !p.startsWith('n=') && !p.startsWith('v='));
  const got = rest.reduce((a, p) => a + p.length, 0) + Math.max(rest.length - 1, 0);
  if (!Number.isInteger(want) || got >= want) return parts;
  const last = rest[rest.length - 1];
  const lastKey = last === undefined ? '' : last.split('=')[0];
  errors.push({
    field: 'url',
    message: `this link was cut off (${got} of ${want} characters arrived): the parameters that arrived whole were loaded` +
      (last === undefined ? '' : `; the last one, ${lastKey}, may be cut mid-value and was left at its default`),
  });
  return parts.filter((p) => p !== last);
}

/**
 * Reads a hash (with or without `#`). Valid fields are kept, each bad one is reported and defaulted.
 * `presets` resolves a link that names only a preset (see encode).
 */
export function decode(hash: string, presets?: PresetLookup): { doc: ExampleDoc; errors: DecodeError[] } {
  const errors: DecodeError[] = [];
  let doc = defaultDoc();
  try {
    const text = hash.replace(/^[#?]/, '');
    if (text.length > LIMITS.maxHashChars) {
      errors.push({ field: 'url', message: `the link is longer than ${LIMITS.maxHashChars} characters` });
      return { doc, errors };
    }
    let params = parseParams(checkLength(splitParams(text), errors), errors);
    const v = params.get('v');
    if (v === undefined && params.size > 0) {
      errors.push({ field: 'v', message: 'the link has no version; read as v=1' });
    } else if (v !== undefined && v !== String(URL_VERSION)) {
      errors.push({ field: 'v', message: `version ${v.slice(0, 10)} is not known; read as v=1` });
    }
    const z = params.get('z');
    if (z !== undefined) {
      try {
        params = parseParams(splitParams(inflateText(z, LIMITS.maxInflatedBytes)), errors);
      } catch (e) {
        errors.push({ field: 'z', message: e instanceof Error ? e.message : String(e) });
        return { doc, errors };
      }
    }
    const preset = presetBase(params, presets);
    if (preset) doc = preset;
    const written = new Set<string>();
    for (const f of FIELDS) {
      const s = params.get(f.key);
      if (s === undefined) continue;
      let candidate: unknown;
      try {
        candidate = parseText(f, s);
      } catch {
        errors.push({ field: fieldName(f), message: 'the value is not valid JSON (the link may be truncated)' });
        continue;
      }
      const r = check(f.schema, candidate);
      if (r.ok) {
        writeField(doc, f, r.value);
        written.add(f.key);
      } else errors.push({ field: fieldName(f), message: r.message });
    }
    if (!preset) fillExample(doc, written);
    for (const key of params.keys()) {
      if (!KNOWN_KEYS.has(key)) errors.push({ field: key.slice(0, 40), message: 'not a parameter Loss Playground knows; ignored' });
    }
  } catch (e) {
    // Defensive: nothing above should throw, but a link must never take the page down.
    errors.push({ field: 'url', message: e instanceof Error ? e.message : String(e) });
  }
  return { doc, errors };
}
