/// <reference lib="webworker" />
/**
 * The engine in a module worker. Started by client.ts with
 * `new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' })`.
 */
import * as engine from '../engine/index';
import { attachWorkerHost, type HostScope } from './host';

attachWorkerHost(engine, self as unknown as HostScope);
