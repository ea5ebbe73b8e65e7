/**
 * Component-test wiring: the real store, the real engine on the main thread (no Worker in jsdom),
 * the bridge, the compare job and the lesson numbers attached, as on the page. Each test starts from a fresh store.
 */
import { cleanup, render, waitFor } from '@testing-library/react';
import type { ReactElement } from 'react';
import { attachBridge } from '../../../src/state/bridge';
import type { ExampleDoc } from '../../../src/document/document';
import { appStore, resetAppStore } from '../../../src/state/useStore';
import { attachBackends } from '../../../src/ui/compare/backendsStore';
import { attachCompare } from '../../../src/ui/result/compareStore';
import { attachLessons } from '../../../src/ui/lessons/lessonStore';
import { linkStore } from '../../../src/ui/common/linking';
import { marksStore } from '../../../src/ui/common/marks';
import { createEngineClient } from '../../../src/worker/client';

let stops: (() => void)[] = [];

export function renderWired(ui: ReactElement, doc?: ExampleDoc) {
  resetAppStore();
  linkStore.getState().clear();
  marksStore.setState({ cells: [], source: null });
  if (doc) appStore.getState().loadDoc(doc, { record: false });
  const client = createEngineClient({ createWorker: () => { throw new Error('no worker in jsdom'); } });
  stops = [attachBridge(appStore, client), attachCompare(appStore, client), attachBackends(appStore, client), attachLessons(appStore, client), () => client.dispose()];
  return render(ui);
}

export function teardown(): void {
  cleanup();
  for (const s of stops) s();
  stops = [];
  resetAppStore();
}

/** Waits until the engine has answered for the current document. */
export async function settled(): Promise<void> {
  await waitFor(() => {
    const s = appStore.getState();
    if (s.results.forDocRevision !== s.revision || s.results.status === 'pending') throw new Error('still computing');
  }, { timeout: 5000 });
}

export const doc = () => appStore.getState().doc;
