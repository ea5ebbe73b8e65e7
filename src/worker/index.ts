/**
 * The page's engine client: one worker shared by the bridge (channel 'main') and the charts
 * (e.g. channel 'charts'), created on first use.
 */
import { createEngineClient, type EngineClient } from './client';

export * from './client';

let shared: EngineClient | null = null;

export function getEngineClient(): EngineClient {
  shared ??= createEngineClient();
  return shared;
}
