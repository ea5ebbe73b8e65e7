/** Link sync before the deflate library has loaded (its own file: modules start fresh, library unloaded). */
import { describe, expect, it, vi } from 'vitest';
import { createAppStore } from '../../src/state/store';
import { compressionLoaded } from '../../src/document/compress';
import { attachUrlSync, readLinkDoc } from '../../src/url/sync';
import { FakeWindow } from './fakeWindow';

const zLink = '#v=1&z=hYpLDsMgEENvw4oiqKLsZtMeA6GIkImEIj6amS5y-5JcIF7Y1rOPXDcoKJSTqrEgfHKNdH6pMWMVav1UjCVWyYlB9uVAivxWv75FQQY_ZLULergNI7w1s7ZmuoiZRpvDjZ9f2rtrDIqQUZYV90YI3gXVbwLltSb8Aw'; // a link from before issue 14

describe('attachUrlSync with the deflate library not yet loaded', () => {
  it('writes a long link plain at once, then compressed once the library has loaded', async () => {
    expect(compressionLoaded()).toBe(false);
    const store = createAppStore();
    store.getState().setTensor('y_pred', Array.from({ length: 300 }, () => 0.5));
    const win = new FakeWindow();
    const stop = attachUrlSync(store, { win: win as never });
    expect(win.replaced[0]).toMatch(/^#v=1&n=\d+&/);
    await vi.waitFor(() => expect(win.location.hash).toMatch(/^#v=1&z=/));
    expect(readLinkDoc(win.location.hash)).toEqual({ doc: store.getState().doc, errors: [] });
    stop();
  });

  it('reads a z= link navigated to once the library is here, not as an error', async () => {
    vi.resetModules();
    const fresh = await import('../../src/url/sync');
    const { compressionLoaded: loadedNow } = await import('../../src/document/compress');
    expect(loadedNow()).toBe(false);
    const store = createAppStore();
    const win = new FakeWindow();
    fresh.attachUrlSync(store, { win: win as never });
    win.navigate(zLink);
    expect(store.getState().revision).toBe(0); // not read yet: waiting for the library
    await vi.waitFor(() => expect(store.getState().revision).toBeGreaterThan(0));
    expect(store.getState().link.errors).toEqual([]);
  });
});
