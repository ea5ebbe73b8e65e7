/**
 * Examples as JSON files, for links too long to share (download) and for opening by file.
 * Same table and validation as the link codec; also opens a conformance case (`docs.jsonl` line).
 */
import { defaultDoc, type ExampleDoc } from './document';
import { FIELDS, fieldName, formatJson, writeField } from './fields';
import { check, CONFIG_KEYS, FORBIDDEN_KEYS, LIMITS, type DecodeError } from './schema';

export const FILE_FORMAT = 'loss-playground';

/** JSON with one top-level key per line and compact tensors (a 100x10 grid stays 100 lines, not 1000). */
function compact(v: unknown): string {
  if (Array.isArray(v)) {
    return v.every((x) => typeof x === 'number' || Array.isArray(x)) ? formatJson(v) : `[${v.map(compact).join(', ')}]`;
  }
  if (v && typeof v === 'object') {
    return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${compact(x)}`).join(', ')}}`;
  }
  return formatJson(v);
}

export function docToJson(doc: ExampleDoc): string {
  const body = { format: FILE_FORMAT, ...doc };
  const lines = Object.entries(body).map(([k, v]) => `  ${JSON.stringify(k)}: ${compact(v)}`);
  return `{\n${lines.join(',\n')}\n}\n`;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Deletes keys that could reach a prototype through a careless merge (JSON.parse keeps
 * "__proto__" as an own key), inner ones first, reporting each. A walk over objects rather than a
 * JSON.parse reviver, which is called for every number: seconds' worth of calls for a large file.
 */
function dropForbidden(v: unknown, errors: DecodeError[]): void {
  if (typeof v !== 'object' || v === null) return;
  if (Array.isArray(v)) {
    for (const x of v) if (typeof x === 'object' && x !== null) dropForbidden(x, errors);
    return;
  }
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    dropForbidden(o[k], errors);
    if (!FORBIDDEN_KEYS.has(k)) continue;
    delete o[k];
    errors.push({ field: k, message: 'this key is not allowed and was ignored' });
  }
}

/** Reads a file's text. Never throws; bad fields are reported by path and defaulted. */
export function jsonToDoc(text: string): { doc: ExampleDoc; errors: DecodeError[] } {
  const errors: DecodeError[] = [];
  const doc = defaultDoc();
  if (text.length > LIMITS.maxJsonChars) {
    errors.push({ field: 'file', message: `the file is larger than ${LIMITS.maxJsonChars} characters` });
    return { doc, errors };
  }
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (e) {
    errors.push({ field: 'file', message: `not valid JSON (${e instanceof Error ? e.message : String(e)})` });
    return { doc, errors };
  }
  dropForbidden(root, errors);
  if (!isRecord(root)) {
    errors.push({ field: 'file', message: 'expected a JSON object' });
    return { doc, errors };
  }
  if (root.format !== undefined && root.format !== FILE_FORMAT) {
    errors.push({ field: 'format', message: `expected "${FILE_FORMAT}"; read anyway` });
  }
  // A conformance case names its backend `keras_backend` (Python spelling).
  if (root.kerasBackend === undefined && root.keras_backend !== undefined) root.kerasBackend = root.keras_backend;
  if (root.v !== undefined && root.v !== 1) errors.push({ field: 'v', message: 'version is not known; read as v=1' });
  if (isRecord(root.config)) {
    for (const k of Object.keys(root.config)) {
      if (!(CONFIG_KEYS as string[]).includes(k)) {
        errors.push({ field: `config.${k}`, message: 'not a Keras argument the playground knows; ignored' });
      }
    }
  }
  for (const f of FIELDS) {
    const outer = Object.hasOwn(root, f.path[0]) ? root[f.path[0]] : undefined;
    let value: unknown = outer;
    if (f.path.length === 2) value = isRecord(outer) && Object.hasOwn(outer, f.path[1]) ? outer[f.path[1]] : undefined;
    if (value === undefined) continue;
    if (f.key === 'updates' && Array.isArray(value)) {
      // Conformance cases leave sample_weight out of unweighted updates.
      value = value.map((u: unknown) => (isRecord(u) && u.sample_weight === undefined ? { ...u, sample_weight: null } : u));
    }
    const r = check(f.schema, value);
    if (r.ok) writeField(doc, f, r.value);
    else errors.push({ field: fieldName(f), message: r.message });
  }
  return { doc, errors };
}
