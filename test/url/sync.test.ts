import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAppStore } from '../../src/state/store';
import { encode } from '../../src/document/codec';
import { base64urlDecode, base64urlEncode } from '../../src/document/compress';
import { attachUrlSync, linkFor, readLinkDoc } from '../../src/url/sync';
import { FakeWindow } from './fakeWindow';

describe('attachUrlSync', () => {
  beforeEach(() => { vi.useFakeTimers(); });
  afterEach(() => { vi.useRealTimers(); });

  it('writes the hash with replaceState, once per burst of edits', () => {
    const store = createAppStore();
    const win = new FakeWindow();
    attachUrlSync(store, { win: win as never });
    expect(win.replaced).toEqual(['#v=1']);
    for (let g = 1; g <= 5; g++) store.getState().setConfig('gamma', g);
    vi.advanceTimersByTime(149);
    expect(win.replaced).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(win.replaced).toEqual(['#v=1', '#v=1&gamma=5']);
  });

  it('loads a document when the hash changes, as an undo step, and reports its errors', () => {
    const store = createAppStore();
    const win = new FakeWindow();
    attachUrlSync(store, { win: win as never });
    win.navigate('#v=1&name=Poisson&gamma=-3');
    expect(store.getState().doc.name).toBe('Poisson');
    expect(store.getState().link.errors).toEqual([{ field: 'config.gamma', message: expect.any(String) }]);
    expect(store.getState().canUndo()).toBe(true);
  });

  it('keeps a link it could not read whole in the address bar until the example is edited or the user replaces it', () => {
    const store = createAppStore();
    const win = new FakeWindow();
    attachUrlSync(store, { win: win as never });
    const before = win.replaced.length;
    win.navigate('#name=BinaryCrossentropy&from_logits=true&colour=red&v=1');
    expect(store.getState().doc.config.from_logits).toBe(true);
    expect(store.getState().link.errors.map((e) => e.field)).toEqual(['colour']);
    vi.advanceTimersByTime(1000);
    expect(win.replaced).toHaveLength(before); // not rewritten to the loaded example
    store.setState((s) => ({ link: { ...s.link, errors: [] } })); // the banner's "Replace the link"
    vi.advanceTimersByTime(0);
    expect(win.replaced.at(-1)).toBe('#v=1&name=BinaryCrossentropy&from_logits=true');
  });

  it('at start-up, a link with problems is left as it came', () => {
    const store = createAppStore();
    const win = new FakeWindow();
    win.location.hash = '#v=1&name=Poisson&gamma=-3';
    store.setState((s) => ({ link: { ...s.link, errors: [{ field: 'config.gamma', message: 'x' }] } }));
    attachUrlSync(store, { win: win as never });
    expect(win.replaced).toEqual([]);
    store.getState().setConfig('gamma', 2);
    vi.advanceTimersByTime(150);
    expect(win.replaced).toHaveLength(1);
  });

  it('ignores in-page anchors', () => {
    const store = createAppStore();
    const win = new FakeWindow();
    attachUrlSync(store, { win: win as never });
    win.navigate('#explain');
    expect(store.getState().revision).toBe(0);
  });

  it('sets link.tooLong when the link passes 2000 characters, and still writes it', () => {
    const store = createAppStore();
    const win = new FakeWindow();
    attachUrlSync(store, { win: win as never });
    expect(store.getState().link.tooLong).toBe(false);
    // Random digits barely compress, so this stays long even as z=.
    const noise = Array.from({ length: 600 }, (_, i) => ((i * 7919) % 1000) / 997);
    store.getState().setTensor('y_pred', noise);
    vi.advanceTimersByTime(150);
    expect(store.getState().link.tooLong).toBe(true);
    expect(store.getState().link.length).toBeGreaterThan(2000);
    expect(win.location.hash).toBe(`#${encode(store.getState().doc)}`);
  });

  it('does not encode a large document on edits: drops the hash\'s document and sets link.tooLong', async () => {
    const codec = await import('../../src/document/codec');
    const store = createAppStore();
    const win = new FakeWindow();
    attachUrlSync(store, { win: win as never, maxDocNumbers: 100 });
    store.getState().setConfig('gamma', 2);
    vi.advanceTimersByTime(150);
    expect(win.location.hash).toBe('#v=1&gamma=2');
    const spy = vi.spyOn(codec, 'encode');
    // 60 x 2 = 120 numbers in y_pred: over the (lowered) limit.
    store.getState().setTensor('y_pred', Array.from({ length: 60 }, () => [0.5, 0.5]));
    vi.advanceTimersByTime(150);
    expect(spy).not.toHaveBeenCalled();
    expect(win.location.hash).toBe('');
    expect(win.replaced.at(-1)).toBe('https://example.test/play');
    expect(store.getState().link).toMatchObject({ tooLong: true, length: 0 });
    // Further edits write nothing.
    const writes = win.replaced.length;
    store.getState().setCell('y_pred', [0, 0], '0.25');
    vi.advanceTimersByTime(150);
    expect(win.replaced).toHaveLength(writes);
    // Back to a small document: the link comes back.
    store.getState().setTensor('y_pred', [[0.1, 0.9]]);
    vi.advanceTimersByTime(150);
    expect(win.location.hash).toBe(`#${encode(store.getState().doc)}`);
    expect(store.getState().link.tooLong).toBe(false);
    spy.mockRestore();
  });
});

describe('link helpers', () => {
  it('readLinkDoc returns null for a hash without a document', () => {
    expect(readLinkDoc('')).toBeNull();
    expect(readLinkDoc('#top')).toBeNull();
    expect(readLinkDoc('#v=1&gamma=2')?.doc.config).toEqual({ gamma: 2 });
  });

  it('linkFor replaces any existing hash', () => {
    const doc = readLinkDoc('#v=1&gamma=2')!.doc;
    expect(linkFor(doc, 'https://x.test/p?q=1#old')).toBe('https://x.test/p?q=1#v=1&gamma=2');
  });

  it('base64urlDecode(base64urlEncode(bytes)) gives back the bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
      expect(base64urlDecode(base64urlEncode(bytes))).toEqual(bytes);
    }));
  });
});
