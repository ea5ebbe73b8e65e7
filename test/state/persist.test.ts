import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as engine from '../../src/engine/index';
import { startPlayground } from '../../src/boot';
import { firstScreenDoc } from '../../src/presets';
import { defaultDoc } from '../../src/document/document';
import { attachPersistence, loadPersisted, savePersisted, STORAGE_KEY } from '../../src/state/persist';
import { createAppStore } from '../../src/state/store';
import { createEngineClient } from '../../src/worker/client';
import { FakeWindow } from '../url/fakeWindow';

class MemoryStorage {
  data = new Map<string, string>();
  getItem(k: string) { return this.data.get(k) ?? null; }
  setItem(k: string, v: string) { this.data.set(k, v); }
}

const client = () => createEngineClient({ createWorker: () => { throw new Error('none'); }, loadEngine: async () => engine });

beforeEach(() => { vi.useFakeTimers(); });
afterEach(() => { vi.useRealTimers(); });

describe('persistence', () => {
  it('saves the doc and drafts 400 ms after the last change', () => {
    const store = createAppStore();
    const storage = new MemoryStorage();
    attachPersistence(store, { storage });
    store.getState().setConfig('gamma', 3);
    store.getState().setCell('y_pred', [0, 0], '1e');
    vi.advanceTimersByTime(399);
    expect(storage.data.size).toBe(0);
    vi.advanceTimersByTime(1);
    expect(loadPersisted(storage)).toEqual({
      doc: { ...defaultDoc(), config: { gamma: 3 } }, drafts: { 'y_pred:0:0': '1e' }, errors: [],
    });
  });

  it('saves a large document when the main thread is idle, after the debounce', () => {
    const store = createAppStore();
    const storage = new MemoryStorage();
    const idle: (() => void)[] = [];
    const requestIdle = (cb: () => void) => { idle.push(cb); return () => { idle.splice(idle.indexOf(cb), 1); }; };
    attachPersistence(store, { storage, requestIdle, largeDocNumbers: 100 });
    // Small documents keep the plain timeout.
    store.getState().setConfig('gamma', 2);
    vi.advanceTimersByTime(400);
    expect(idle).toHaveLength(0);
    expect(loadPersisted(storage)?.doc.config).toEqual({ gamma: 2 });
    storage.data.clear();
    store.getState().setTensor('y_pred', Array.from({ length: 60 }, () => [0.5, 0.5]));
    vi.advanceTimersByTime(400);
    expect(idle).toHaveLength(1);
    expect(storage.data.size).toBe(0);
    // Another edit before the idle callback cancels it and starts over.
    store.getState().setCell('y_pred', [0, 0], '0.25');
    expect(idle).toHaveLength(0);
    vi.advanceTimersByTime(400);
    expect(idle).toHaveLength(1);
    idle[0]();
    expect((loadPersisted(storage)?.doc.y_pred as number[][])[0][0]).toBe(0.25);
  });

  it('loadPersisted ignores a corrupt save and keeps only well-formed drafts', () => {
    const storage = new MemoryStorage();
    storage.setItem(STORAGE_KEY, '{"name":');
    expect(loadPersisted(storage)).toBeNull();
    savePersisted(storage, defaultDoc(), { 'y_pred:0:1': 'x', 'evil key': 'y', y_true: 'z'.repeat(500) });
    expect(loadPersisted(storage)?.drafts).toEqual({ 'y_pred:0:1': 'x' });
  });

  it('storage that throws is survived silently', () => {
    const broken = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('quota'); } };
    expect(loadPersisted(broken)).toBeNull();
    expect(() => savePersisted(broken, defaultDoc(), {})).not.toThrow();
  });
});

describe('startPlayground', () => {
  it('restores the saved doc and drafts when the URL carries none', () => {
    const storage = new MemoryStorage();
    savePersisted(storage, { ...defaultDoc(), name: 'Poisson' }, { y_true: 'ab' });
    const store = createAppStore();
    const stop = startPlayground({ store, win: new FakeWindow() as never, storage, client: client() });
    expect(store.getState().doc.name).toBe('Poisson');
    expect(store.getState().drafts).toEqual({ y_true: 'ab' });
    expect(store.getState().canUndo()).toBe(false);
    stop();
  });

  it('opens the first-screen example on a first visit (no link, nothing saved), without an undo step', () => {
    const store = createAppStore();
    const stop = startPlayground({ store, win: new FakeWindow() as never, storage: new MemoryStorage(), client: client() });
    expect(store.getState().doc).toBe(firstScreenDoc());
    expect(store.getState().canUndo()).toBe(false);
    stop();
  });

  it('prefers the document in the URL over the saved one, and reports the link\'s errors', () => {
    const storage = new MemoryStorage();
    savePersisted(storage, { ...defaultDoc(), name: 'Poisson' }, {});
    const win = new FakeWindow();
    win.setHash('#v=1&name=KLDivergence&gamma=-1');
    const store = createAppStore();
    const stop = startPlayground({ store, win: win as never, storage, client: client() });
    expect(store.getState().doc.name).toBe('KLDivergence');
    expect(store.getState().link.errors.map((e) => e.field)).toEqual(['config.gamma']);
    expect(store.getState().results.status).toBe('pending');
    stop();
  });
});
