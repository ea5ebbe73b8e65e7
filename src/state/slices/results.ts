/** Results and link status: state only. The bridge and the URL sync write them with setState. */
import type { LinkSlice, ResultsSlice, ResultsState, SliceCreator } from '../types';

export const initialResults = (): ResultsState => ({
  status: 'idle', main: null, error: null, backend: 'ts', mode: null, forDocRevision: -1,
});

export const createResultsSlice: SliceCreator<ResultsSlice> = () => ({ results: initialResults() });

export const createLinkSlice: SliceCreator<LinkSlice> = () => ({ link: { errors: [], tooLong: false, length: 0 } });
