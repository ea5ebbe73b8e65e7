/**
 * The engine client the charts use: the page's shared client (worker/index.ts), on channel
 * 'charts', where a newer job supersedes an older one. Tests may hand in their own.
 */
import { getEngineClient, type EngineClient } from '../worker';

let override: EngineClient | null = null;

export function chartsClient(): EngineClient {
  return override ?? getEngineClient();
}

/** Use `c` instead of the shared client (tests); null restores the shared one. */
export function setChartsClient(c: EngineClient | null): void {
  override = c;
}

export const CHARTS_CHANNEL = 'charts';
