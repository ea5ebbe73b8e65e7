/**
 * Navigating to a lesson link while the lessons' content is not loaded (this file imports none):
 * the link sync loads it, then opens the step, as it would with the content at hand.
 */
import { describe, expect, it } from 'vitest';
import { lessonsNow } from '../../src/lessons/registry';
import { createAppStore } from '../../src/state/store';
import { attachUrlSync } from '../../src/url/sync';
import { FakeWindow } from './fakeWindow';

describe('hashchange to a lesson link', () => {
  it('opens the step once the content has loaded, with no link error', async () => {
    const store = createAppStore();
    const win = new FakeWindow();
    attachUrlSync(store, { win: win as never });
    expect(lessonsNow()).toBeNull();
    win.navigate('#v=1&lesson=focal&step=3');
    await expect.poll(() => store.getState().doc.view.lesson).toBe('focal');
    expect(store.getState().doc.view.step).toBe(3);
    expect(store.getState().doc.name).toMatch(/Focal/);
    expect(store.getState().link.errors).toEqual([]);
  });
});
