/** Cell text that is not a number yet: kept so nothing the user typed is lost (and persisted with the doc). */
import type { DraftsSlice, SliceCreator } from '../types';

export const createDraftsSlice: SliceCreator<DraftsSlice> = (set, get) => ({
  drafts: {},
  setDraft: (key, text) => {
    if (get().drafts[key] === text) return;
    set({ drafts: { ...get().drafts, [key]: text } });
  },
  clearDraft: (key) => {
    if (!Object.hasOwn(get().drafts, key)) return;
    const { [key]: _dropped, ...rest } = get().drafts;
    set({ drafts: rest });
  },
});

/** Drafts without those of one tensor (`y_pred` drops `y_pred` and `y_pred:*`). */
export function dropDraftsOf(drafts: Record<string, string>, field: string): Record<string, string> {
  const keys = Object.keys(drafts).filter((k) => k === field || k.startsWith(`${field}:`));
  if (!keys.length) return drafts;
  const out = { ...drafts };
  for (const k of keys) delete out[k];
  return out;
}
