/**
 * The composition root: picks the first document (a link in the URL wins over the saved one; a
 * first visit opens the first-screen example), then attaches to the store everything that follows
 * it (persistence, link sync, the engine bridge, the reductions/metric comparison, Compare backends
 * and the open lesson's numbers). Returns a function that detaches them all. Nothing below this
 * file wires modules to each other.
 */
import { attachUrlSync, lessonsPending, linkNeedsLessons, readLinkDoc } from './url/sync';
import { loadCompression, needsCompression } from './document/compress';
import { getEngineClient, type EngineClient } from './worker/index';
import { attachBridge } from './state/bridge';
import { attachPersistence, loadPersisted } from './state/persist';
import { appStore } from './state/store';
import { firstScreenDoc } from './presets';
import type { AppStore } from './state/types';
import { attachBackends } from './ui/compare/backendsStore';
import { attachCompare } from './ui/result/compareStore';
import { attachLessons } from './ui/lessons/lessonStore';

export interface BootOptions {
  store?: AppStore;
  win?: Parameters<typeof attachUrlSync>[1]['win'];
  storage?: Pick<Storage, 'getItem' | 'setItem'>;
  /** Defaults to the shared client (getEngineClient), which outlives this wiring. */
  client?: EngineClient;
}

function defaultStorage(): Pick<Storage, 'getItem' | 'setItem'> | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;  // access itself throws when storage is blocked
  }
}

/**
 * A link naming a lesson needs the lessons' content (a chunk loaded on demand): await
 * linkNeedsLessons(location.hash) before this, as main.tsx does, or its lesson keys are dropped.
 */
export function startPlayground(opts: BootOptions = {}): () => void {
  const store = opts.store ?? appStore;
  const win = opts.win ?? window;
  const storage = opts.storage ?? defaultStorage();
  const client = opts.client ?? getEngineClient();

  const fromLink = readLinkDoc(win.location.hash);
  if (fromLink) {
    // `embed=` is for embed.html; the full app shows everything, and its own link drops the key.
    const { embed: _embed, ...view } = fromLink.doc.view;
    store.getState().loadDoc({ ...fromLink.doc, view }, { record: false });
    store.setState((s) => ({ link: { ...s.link, errors: fromLink.errors } }));
  } else {
    const saved = loadPersisted(storage);
    if (saved) store.getState().loadDoc(saved.doc, { record: false, drafts: saved.drafts });
    else store.getState().loadDoc(firstScreenDoc(), { record: false });
  }

  const stops = [
    attachPersistence(store, { storage, win }),
    attachUrlSync(store, { win }),
    attachBridge(store, client),
    attachCompare(store, client),
    attachBackends(store, client),
    attachLessons(store, client),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}

/**
 * The embed page's composition root: the document from the link (and from later hash changes),
 * and the engine bridge. Nothing is written back: an embed leaves the address bar and the
 * visitor's saved playground alone.
 */
export function startEmbed(opts: Pick<BootOptions, 'store' | 'win' | 'client'> = {}): () => void {
  const store = opts.store ?? appStore;
  const win = opts.win ?? window;
  const client = opts.client ?? getEngineClient();
  const load = (record: boolean): void => {
    if (lessonsPending(win.location.hash)) {
      void linkNeedsLessons(win.location.hash).then(() => load(record));
      return;
    }
    const fromLink = readLinkDoc(win.location.hash);
    if (!fromLink) return;
    store.getState().loadDoc(fromLink.doc, { record });
    store.setState((s) => ({ link: { ...s.link, errors: fromLink.errors } }));
  };
  load(false);
  // A compressed link is read once the deflate library is here (embed.tsx waits for the first one).
  const onHashChange = () => {
    if (needsCompression(win.location.hash)) void loadCompression().then(() => load(true), () => load(true));
    else load(true);
  };
  win.addEventListener('hashchange', onHashChange);
  const stopBridge = attachBridge(store, client);
  return () => {
    stopBridge();
    win.removeEventListener('hashchange', onHashChange);
  };
}
