/**
 * A view of the whole document (the main result, the reductions/metric comparison, Compare
 * backends): asked on attach and whenever the document asks the engine something new, never for a
 * view-only change. Every view of one edit gets the same request (requestOf converts once).
 */
import { requestOf, type DocRequest } from '../../document/request';
import type { ExampleDoc } from '../../document/document';
import type { EngineClient } from '../../worker/clientTypes';
import type { Job } from '../../worker/protocol';
import type { AppStore } from '../types';
import { createViewJob, type ViewJobOptions, type ViewPlan, type ViewState } from './viewJob';

export interface DocInput {
  doc: ExampleDoc;
  revision: number;
  /** The document's engine request, shared by every job of this edit (read-only). */
  request: DocRequest;
}

export function docInput(store: AppStore): DocInput {
  const { doc, revision } = store.getState();
  return { doc, revision, request: requestOf(doc) };
}

export interface DocViewSpec<J extends Job, T> extends ViewJobOptions {
  /** The view's job for this document, or null when it asks nothing of it. */
  plan(input: DocInput): ViewPlan<J, T> | null;
}

/** Returns a function that detaches the view. */
export function attachDocView<J extends Job, T>(
  store: AppStore, client: EngineClient, spec: DocViewSpec<J, T>, write: (patch: Partial<ViewState<T>>) => void,
): () => void {
  const view = createViewJob<T>(client, spec, write);
  const ask = () => {
    const input = docInput(store);
    view.post(input.revision, spec.plan(input));
  };
  const stop = store.subscribe((s, prev) => {
    if (s.revision !== prev.revision) ask();
  });
  ask();
  return () => {
    stop();
    view.stop();
  };
}
