/** Presets: the documented Keras examples, with what the docs print. Standalone data: nothing is read at runtime. */
export { PRESETS, presetById, presetDoc, type Preset } from './presets';
export { documentedValue, matchesDocumented, printedNumbers, resultNumbers, type Documented } from './documented';
