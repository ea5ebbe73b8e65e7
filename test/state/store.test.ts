import { beforeEach, describe, expect, it } from 'vitest';
import { defaultDoc } from '../../src/document/document';
import { selectCanRedo, selectCanUndo } from '../../src/state/selectors';
import { appStore, createAppStore, resetAppStore, undo } from '../../src/state/store';
import type { AppStore } from '../../src/state/types';

let clock = 0;
let store: AppStore;
const s = () => store.getState();

beforeEach(() => {
  clock = 1000;
  store = createAppStore({ now: () => clock });
});

describe('doc actions', () => {
  it('setConfig sets a Keras kwarg and removeConfig takes it out again', () => {
    s().setConfig('from_logits', true);
    expect(s().doc.config).toEqual({ from_logits: true });
    s().removeConfig('from_logits');
    expect(s().doc.config).toEqual({});
  });

  it('setDoc merges a patch and patchDoc is the same action', () => {
    s().setDoc({ name: 'Poisson' });
    s().patchDoc((d) => ({ ...d, dtype: 'float64' }));
    expect(s().doc).toMatchObject({ name: 'Poisson', dtype: 'float64' });
  });

  it('setCell replaces one entry and shares the untouched rows', () => {
    const before = s().doc.y_pred as number[][];
    expect(s().setCell('y_pred', [1, 2], '0.3')).toBe(true);
    const after = s().doc.y_pred as number[][];
    expect(after).toEqual([[0.05, 0.95, 0], [0.1, 0.8, 0.3]]);
    expect(after[0]).toBe(before[0]);
  });

  it('setCell keeps text that is not a number yet as a draft, and clears it once it is', () => {
    expect(s().setCell('y_pred', [0, 1], '0.')).toBe(true);
    expect(s().setCell('y_pred', [0, 1], '-')).toBe(false);
    expect(s().drafts).toEqual({ 'y_pred:0:1': '-' });
    expect((s().doc.y_pred as number[][])[0][1]).toBe(0);
    s().setCell('y_pred', [0, 1], '-0.5');
    expect(s().drafts).toEqual({});
    expect((s().doc.y_pred as number[][])[0][1]).toBe(-0.5);
  });

  it('setCell ignores paths outside the tensor', () => {
    const rev = s().revision;
    expect(s().setCell('y_pred', [5, 0], 1)).toBe(false);
    expect(s().setCell('sample_weight', [0], 1)).toBe(false);
    expect(s().revision).toBe(rev);
  });

  it('setTensor edits a metric update by its field path and clears that tensor\'s drafts', () => {
    s().setDoc({ kind: 'metric', updates: [{ y_true: [1], y_pred: [[0.5, 0.5]], sample_weight: null }] });
    s().setCell('updates.0.y_pred', [0, 0], 'abc');
    s().setTensor('updates.0.sample_weight', [2]);
    s().setTensor('updates.0.y_pred', [[0.2, 0.8]]);
    expect(s().doc.updates[0]).toEqual({ y_true: [1], y_pred: [[0.2, 0.8]], sample_weight: [2] });
    expect(s().drafts).toEqual({});
  });

  it('revision moves when the engine question changes, not when only the view does', () => {
    s().setView({ tab: 'gradient', selected: [0, 1] });
    expect(s().revision).toBe(0);
    expect(s().canUndo()).toBe(false);
    s().setConfig('from_logits', true);
    expect(s().revision).toBe(1);
  });

  it('an edit forgets the preset the doc was loaded from', () => {
    s().loadDoc({ ...defaultDoc(), view: { ...defaultDoc().view, preset: 'scce-1' } });
    s().setView({ tab: 'focal' });
    expect(s().doc.view.preset).toBe('scce-1');
    s().setConfig('from_logits', true);
    expect(s().doc.view.preset).toBeNull();
  });
});

describe('history', () => {
  it('undo and redo walk through every doc edit', () => {
    s().setDoc({ name: 'Poisson' });
    s().setConfig('gamma', 1, { coalesceKey: undefined });
    s().undo();
    expect(s().doc.config).toEqual({});
    s().undo();
    expect(s().doc).toEqual(defaultDoc());
    expect(selectCanUndo(s())).toBe(false);
    s().redo();
    s().redo();
    expect(s().doc).toMatchObject({ name: 'Poisson', config: { gamma: 1 } });
    expect(selectCanRedo(s())).toBe(false);
  });

  it('edits with the same coalesceKey within 500 ms form one undo step (a slider drag)', () => {
    for (const g of [1, 1.5, 2, 2.5]) {
      s().setConfig('gamma', g);
      clock += 200;
    }
    expect(s().history.past).toHaveLength(1);
    s().undo();
    expect(s().doc.config).toEqual({});
  });

  it('a pause longer than 500 ms starts a new undo step', () => {
    s().setConfig('gamma', 1);
    clock += 501;
    s().setConfig('gamma', 2);
    s().undo();
    expect(s().doc.config).toEqual({ gamma: 1 });
  });

  it('a different key, or an edit in between, ends the merge', () => {
    s().setConfig('gamma', 1);
    s().setConfig('alpha', 0.5);
    s().setConfig('gamma', 2);
    expect(s().history.past).toHaveLength(3);
  });

  it('history keeps at most historyLimit steps', () => {
    store = createAppStore({ historyLimit: 3 });
    for (let i = 0; i < 10; i++) s().setDoc({ reset_before: [i] });
    expect(s().history.past).toHaveLength(3);
  });

  it('undo keeps the current view: tabs and selection are navigation, not edits', () => {
    s().setConfig('gamma', 3);
    s().setView({ tab: 'focal' });
    s().undo();
    expect(s().doc.view.tab).toBe('focal');
  });

  it('a new edit after undo clears the redo stack', () => {
    s().setDoc({ name: 'A' });
    s().undo();
    s().setDoc({ name: 'B' });
    expect(s().canRedo()).toBe(false);
  });

  it('loadDoc is an undo step unless record is false, which starts a fresh history', () => {
    s().loadDoc({ ...defaultDoc(), name: 'Poisson' });
    expect(s().canUndo()).toBe(true);
    s().loadDoc({ ...defaultDoc(), name: 'CTC' }, { record: false, drafts: { y_true: 'x' } });
    expect(s().canUndo()).toBe(false);
    expect(s().drafts).toEqual({ y_true: 'x' });
  });

  it('reset goes back to the default example as an undoable step', () => {
    s().setDoc({ name: 'Poisson' });
    s().reset();
    expect(s().doc).toEqual(defaultDoc());
    s().undo();
    expect(s().doc.name).toBe('Poisson');
  });
});

describe('the app store singleton', () => {
  it('resetAppStore restores the initial state, history included', () => {
    appStore.getState().setDoc({ name: 'Poisson' });
    resetAppStore();
    expect(appStore.getState().doc).toEqual(defaultDoc());
    undo();
    expect(appStore.getState().doc).toEqual(defaultDoc());
  });
});
