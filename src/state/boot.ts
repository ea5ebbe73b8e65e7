/**
 * Start-up wiring: pick the first document (a link in the URL wins over the saved one), then
 * attach persistence, URL sync and the engine bridge. Returns a function that detaches them.
 */
import { attachUrlSync, readLinkDoc } from '../url/sync';
import { getEngineClient, type EngineClient } from '../worker/index';
import { attachBridge } from './bridge';
import { attachPersistence, loadPersisted } from './persist';
import { appStore } from './store';
import type { AppStore } from './types';

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

export function startPlayground(opts: BootOptions = {}): () => void {
  const store = opts.store ?? appStore;
  const win = opts.win ?? window;
  const storage = opts.storage ?? defaultStorage();
  const client = opts.client ?? getEngineClient();

  const fromLink = readLinkDoc(win.location.hash);
  if (fromLink) {
    store.getState().loadDoc(fromLink.doc, { record: false });
    store.setState((s) => ({ link: { ...s.link, errors: fromLink.errors } }));
  } else {
    const saved = loadPersisted(storage);
    if (saved) store.getState().loadDoc(saved.doc, { record: false, drafts: saved.drafts });
  }

  const stops = [
    attachPersistence(store, { storage, win }),
    attachUrlSync(store, { win }),
    attachBridge(store, client),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}
