/**
 * Keeps the address bar's hash in step with the document: writes with history.replaceState
 * (debounced, so a slider drag does not flood the history or the address bar), reads the hash at
 * start-up and on hashchange. Links are written and read with the presets, so a documented example's
 * link is its id (document/linkBase.ts). Reports link problems and an over-long link through the store's
 * `link` slice, so the UI can list what was wrong and offer a JSON download instead.
 */
import { isLargeDoc, LARGE_DOC_NUMBERS } from '../document/docSize';
import type { ExampleDoc } from '../document/document';
import type { AppStore } from '../state/types';
import { decode, encode, hasDoc, PLAIN_UP_TO } from '../document/codec';
import { compressionLoaded, loadCompression, needsCompression } from '../document/compress';
import { presetDoc } from '../presets';
import type { DecodeError } from '../document/schema';
import { loadLessons, namesLesson } from '../lessons/load';
import { lessonsNow } from '../lessons/registry';

/** Links longer than this do not survive many chat apps and issue trackers. */
export const MAX_LINK_CHARS = 2000;

type WindowLike = Pick<Window, 'addEventListener' | 'removeEventListener'> & {
  location: Pick<Location, 'hash' | 'href'>;
  history: Pick<History, 'replaceState' | 'state'>;
};

export interface UrlSyncOptions {
  win: WindowLike;
  /** Debounce for writes. Defaults to 150 ms. */
  delayMs?: number;
  maxLinkChars?: number;
  /**
   * Documents with more numbers than this are not encoded on every edit (encoding and deflating
   * them takes the main thread for a while, and their link is far too long anyway): the hash's
   * document is dropped and link.tooLong set, so the UI offers the JSON download. Defaults to
   * LARGE_DOC_NUMBERS (5,000).
   */
  maxDocNumbers?: number;
}

/**
 * The document a hash carries, or null when the hash has none (empty, or an in-page anchor).
 * A lesson link (`lesson=…&step=…` and no document of its own) opens that step's example; that
 * needs the lessons' content, so callers await linkNeedsLessons first. Without it the lesson keys
 * are dropped and reported.
 */
export function readLinkDoc(hash: string): { doc: ExampleDoc; errors: DecodeError[] } | null {
  if (!hasDoc(hash)) return null;
  const decoded = decode(hash, presetDoc);
  const lesson = readLessonKeys(decoded.doc);
  return { doc: lesson.doc, errors: [...decoded.errors, ...lesson.errors] };
}

function readLessonKeys(doc: ExampleDoc): { doc: ExampleDoc; errors: DecodeError[] } {
  const lessons = lessonsNow();
  if (lessons) return lessons.readLessonLink(doc);
  if (!namesLesson(doc.view)) return { doc, errors: [] };
  const { lesson: _l, step: _s, ...view } = doc.view;
  return { doc: { ...doc, view }, errors: [{ field: 'view.lesson', message: 'the built-in lessons could not be loaded; ignored' }] };
}

/**
 * Resolves once readLinkDoc can read the hash's lesson keys: at once for a hash without any, else
 * when the lessons' content has loaded (or failed to: readLinkDoc then reports it).
 */
export function linkNeedsLessons(hash: string): Promise<void> {
  return lessonsPending(hash) ? loadLessons().then(() => {}, () => {}) : Promise.resolve();
}

/** True when the hash names a lesson whose content is not loaded yet. */
export function lessonsPending(hash: string): boolean {
  return !lessonsNow() && hasDoc(hash) && namesLesson(decode(hash, presetDoc).doc.view);
}

/** The full shareable URL for a document, from the page's current address. */
export function linkFor(doc: ExampleDoc, href: string): string {
  return `${href.split('#')[0]}#${encode(doc, presetDoc)}`;
}

export function attachUrlSync(
  store: AppStore, { win, delayMs = 150, maxLinkChars = MAX_LINK_CHARS, maxDocNumbers = LARGE_DOC_NUMBERS }: UrlSyncOptions,
): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let written = '';
  let stopped = false;

  /** A large document: no encode; drop a stale document from the hash (it would win on reload). */
  const skipLarge = () => {
    const base = win.location.href.split('#')[0];
    if (hasDoc(win.location.hash)) win.history.replaceState(win.history.state, '', base);
    written = '';
    const { link } = store.getState();
    if (link.length !== 0 || !link.tooLong) store.setState({ link: { ...link, length: 0, tooLong: true } });
  };

  const write = () => {
    timer = null;
    if (isLargeDoc(store.getState().doc, maxDocNumbers)) {
      skipLarge();
      return;
    }
    const hash = `#${encode(store.getState().doc, presetDoc)}`;
    if (win.location.hash !== hash) win.history.replaceState(win.history.state, '', hash);
    written = hash;
    // A long link was written plain because the deflate library is not loaded: load it, then
    // write again (compressed when shorter) unless an edit already scheduled a write.
    if (!compressionLoaded() && hash.length > PLAIN_UP_TO) {
      void loadCompression().then(() => {
        if (!stopped && !timer && written === hash) write();
      }, () => {});
    }
    const length = win.location.href.split('#')[0].length + hash.length;
    const { link } = store.getState();
    if (link.length !== length || link.tooLong !== length > maxLinkChars) {
      store.setState({ link: { ...link, length, tooLong: length > maxLinkChars } });
    }
  };

  /**
   * A link that could not be read whole stays in the address bar, so its recipient can still see
   * and recover it: it is rewritten only once the document is edited or the user asks for it
   * (clearing the link errors, as the banner's button does).
   */
  const keepUnreadLink = () => {
    if (timer) clearTimeout(timer); // the load itself scheduled a write
    timer = null;
    written = win.location.hash;
  };

  const onHashChange = () => {
    const hash = win.location.hash;
    if (hash === written) return;
    if (lessonsPending(hash)) {
      // Read once the lessons are there, unless another change came meanwhile.
      void linkNeedsLessons(hash).then(() => { if (win.location.hash === hash) onHashChange(); });
      return;
    }
    // A compressed link is read once the deflate library has loaded (if it cannot load, the
    // link is read anyway and its z= reported).
    if (needsCompression(hash)) void loadCompression().then(onHashChange, () => readHash(hash));
    else readHash(hash);
  };

  const readHash = (hash: string) => {
    if (stopped || win.location.hash !== hash) return;
    const found = readLinkDoc(hash);
    if (!found) return;
    store.getState().loadDoc(found.doc);
    store.setState((s) => ({ link: { ...s.link, errors: found.errors } }));
    if (found.errors.length) keepUnreadLink();
    else write();
  };

  const stop = store.subscribe((s, prev) => {
    const cleared = prev.link.errors.length > 0 && s.link.errors.length === 0;
    if (s.doc === prev.doc && !cleared) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(write, cleared ? 0 : delayMs);
  });
  win.addEventListener('hashchange', onHashChange);
  if (store.getState().link.errors.length && hasDoc(win.location.hash)) keepUnreadLink();
  else write();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    stop();
    win.removeEventListener('hashchange', onHashChange);
  };
}
