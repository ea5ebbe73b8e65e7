/**
 * The last document and its drafts in localStorage, saved shortly after each change and read at
 * start-up (a link in the URL wins over it). Storage can be missing or throw (private modes,
 * quotas): then the page simply does not remember.
 */
import { FILE_FORMAT, jsonToDoc } from '../document/json';
import type { DecodeError } from '../document/schema';
import { isLargeDoc, LARGE_DOC_NUMBERS } from '../document/docSize';
import type { ExampleDoc } from '../document/document';
import { nonFiniteReplacer } from '../document/nonFiniteText';
import type { AppStore } from './types';

export const STORAGE_KEY = 'loss-playground:v1';

type StorageLike = Pick<Storage, 'getItem' | 'setItem'>;

const DRAFT_KEY = /^(y_true|y_pred|sample_weight|updates\.\d{1,3}\.(y_true|y_pred|sample_weight))(:\d{1,6}){0,4}$/;

/** Only well-formed drafts survive a reload (the file could have been edited by hand). */
function validDrafts(raw: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return out;
  for (const [k, v] of Object.entries(raw).slice(0, 1000)) {
    if (DRAFT_KEY.test(k) && typeof v === 'string' && v.length <= 200) out[k] = v;
  }
  return out;
}

export function loadPersisted(
  storage: StorageLike | undefined, key = STORAGE_KEY,
): { doc: ExampleDoc; drafts: Record<string, string>; errors: DecodeError[] } | null {
  let text: string | null = null;
  try {
    text = storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
  if (!text) return null;
  const { doc, errors } = jsonToDoc(text);
  if (errors.some((e) => e.field === 'file')) return null;
  let drafts: Record<string, string> = {};
  try {
    drafts = validDrafts((JSON.parse(text) as { drafts?: unknown }).drafts);
  } catch { /* jsonToDoc already parsed it; unreachable in practice */ }
  return { doc, drafts, errors };
}

export function savePersisted(storage: StorageLike | undefined, doc: ExampleDoc, drafts: Record<string, string>, key = STORAGE_KEY): void {
  try {
    storage?.setItem(key, JSON.stringify({ format: FILE_FORMAT, ...doc, drafts }, nonFiniteReplacer));
  } catch { /* quota or disabled storage: nothing to do */ }
}

/** Runs a callback when the main thread is idle; returns a cancel function. */
export type RequestIdle = (cb: () => void) => () => void;

function defaultRequestIdle(): RequestIdle | undefined {
  const g = globalThis as { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number; cancelIdleCallback?: (id: number) => void };
  if (typeof g.requestIdleCallback !== 'function') return undefined;
  return (cb) => {
    const id = g.requestIdleCallback!(cb, { timeout: 2000 });
    return () => g.cancelIdleCallback?.(id);
  };
}

export interface PersistOptions {
  storage?: StorageLike;
  key?: string;
  /** Debounce. Defaults to 400 ms. */
  delayMs?: number;
  /** Flushes on `pagehide` when given. */
  win?: Pick<Window, 'addEventListener' | 'removeEventListener'>;
  /**
   * Large documents (more numbers than `largeDocNumbers`) are saved when the main thread is idle,
   * after the debounce, so serialising them never lands inside an input frame. Defaults to
   * requestIdleCallback when the environment has it; without it the save runs on the timeout.
   */
  requestIdle?: RequestIdle;
  largeDocNumbers?: number;
}

export function attachPersistence(store: AppStore, opts: PersistOptions = {}): () => void {
  const { storage, key = STORAGE_KEY, delayMs = 400, win, requestIdle = defaultRequestIdle(), largeDocNumbers = LARGE_DOC_NUMBERS } = opts;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let cancelIdle: (() => void) | null = null;
  const cancel = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    cancelIdle?.();
    cancelIdle = null;
  };
  const flush = () => {
    cancel();
    const { doc, drafts } = store.getState();
    savePersisted(storage, doc, drafts, key);
  };
  const due = () => {
    timer = null;
    if (requestIdle && isLargeDoc(store.getState().doc, largeDocNumbers)) cancelIdle = requestIdle(() => { cancelIdle = null; flush(); });
    else flush();
  };
  const stop = store.subscribe((s, prev) => {
    if (s.doc === prev.doc && s.drafts === prev.drafts) return;
    cancel();
    timer = setTimeout(due, delayMs);
  });
  win?.addEventListener('pagehide', flush);
  return () => {
    if (timer || cancelIdle) flush();
    stop();
    win?.removeEventListener('pagehide', flush);
  };
}
