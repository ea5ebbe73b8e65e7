/** The example document and every edit action. All edits go through history's commit(). */
import { defaultDoc, draftKey } from '../../document/document';
import { getAt, setAt } from '../../document/nested';
import { parseCell, readTensor, writeTensor } from '../../document/tensorFields';
import type { DocSlice, SliceCreator } from '../types';
import { dropDraftsOf } from './drafts';

export const createDocSlice = (initial = defaultDoc()): SliceCreator<DocSlice> => (set, get) => {
  const setDoc: DocSlice['setDoc'] = (patch, opts) => {
    const { doc, commit } = get();
    commit(typeof patch === 'function' ? patch(doc) : { ...doc, ...patch }, opts);
  };
  return {
    doc: initial,
    revision: 0,
    dataEpoch: 0,
    setDoc,
    patchDoc: setDoc,
    setConfig: (key, value, opts) => {
      const { doc, commit } = get();
      if (Object.is(doc.config[key], value) && Object.hasOwn(doc.config, key)) return;
      commit({ ...doc, config: { ...doc.config, [key]: value } }, { coalesceKey: `config.${key}`, ...opts });
    },
    removeConfig: (key, opts) => {
      const { doc, commit } = get();
      if (!Object.hasOwn(doc.config, key)) return;
      const { [key]: _removed, ...config } = doc.config;
      commit({ ...doc, config }, opts);
    },
    setTensor: (field, value, opts) => {
      const { doc, commit, drafts } = get();
      const next = writeTensor(doc, field, value);
      if (!next) return;
      commit(next, opts);
      set({ drafts: dropDraftsOf(drafts, field), dataEpoch: get().dataEpoch + 1 });
    },
    setCell: (field, path, value, opts) => {
      const { doc, commit, setDraft, clearDraft } = get();
      const key = draftKey(field, path);
      const n = typeof value === 'number' ? value : parseCell(value);
      if (n === null) {
        setDraft(key, String(value));
        return false;
      }
      const tensor = readTensor(doc, field);
      if (tensor != null && Object.is(getAt(tensor, path), n)) {
        clearDraft(key);
        return false;
      }
      const updated = tensor == null ? undefined : setAt(tensor, path, n);
      const next = updated === undefined ? undefined : writeTensor(doc, field, updated);
      if (!next) return false;
      clearDraft(key);
      commit(next, opts);
      return true;
    },
    setView: (patch) => {
      const { doc } = get();
      set({ doc: { ...doc, view: { ...doc.view, ...patch } } });
    },
    loadDoc: (doc, { record = true, drafts = {} } = {}) => {
      get().commit(doc, { record });
      set({ drafts, dataEpoch: get().dataEpoch + 1 });
    },
    reset: () => get().loadDoc(defaultDoc()),
  };
};
