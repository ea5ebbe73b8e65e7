/** Shared set-up of the chart component tests: a store holding a doc and its engine result. */
import { act } from '@testing-library/react';
import { evaluate } from '../../src/engine/index';
import type { ExampleDoc } from '../../src/document/document';
import { docToRequest } from '../../src/document/request';
import { appStore, resetAppStore } from '../../src/state/useStore';
import { linkStore } from '../../src/ui/common/linking';

/** Load `patch` over the default doc and write its result as the bridge would. */
export function loadDoc(patch: Partial<ExampleDoc> = {}): ExampleDoc {
  resetAppStore();
  linkStore.getState().clear();
  const doc = { ...appStore.getState().doc, ...patch };
  appStore.getState().loadDoc(doc, { record: false });
  writeResult();
  return appStore.getState().doc;
}

/** Compute the current doc's result synchronously and store it as fresh. */
export function writeResult(): void {
  const { doc, revision } = appStore.getState();
  const { req, opts } = docToRequest(doc);
  const main = evaluate(req, opts);
  appStore.setState((s) => ({ results: { ...s.results, status: 'ok', main, error: null, forDocRevision: revision, mode: 'main-thread' } }));
}

/** SVG markup with numbers rounded to one decimal, so snapshots survive last-digit noise. */
export function rounded(el: Element): string {
  return el.outerHTML.replace(/-?\d+\.\d+(e-?\d+)?/g, (m) => String(Math.round(Number(m) * 10) / 10));
}

/** jsdom has no PointerEvent: a MouseEvent of the pointer type carries clientX to React's handler. */
export function pointer(el: Element, type: string, clientX: number, clientY = 100): void {
  act(() => { el.dispatchEvent(new MouseEvent(type, { bubbles: true, clientX, clientY })); });
}
