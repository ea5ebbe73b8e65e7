/**
 * The engine's public surface: what the worker, the CLI and the tests may import (core.ts, plus
 * the chart helpers in sweep/, which the worker loads on the first chart job).
 */
export * from './core';
// Every implementation, registered on import (the worker loads them per job instead).
export { IMPLEMENTATIONS } from './implementations';
export { EXTRAS, type ExtraArgs, type ExtraName, type ExtraResult, type Extras } from './extras';
export * from './sweep';
export * from './train';
