/** Presets: the documented Keras examples, with what the docs print. Standalone data: nothing is read at runtime. */
export { FIRST_SCREEN_PRESET, firstScreenDoc, PRESETS, presetById, presetDoc, type Preset } from './presets';
export { documentedValue, matchesDocumented, printedNumbers, resultNumbers, type Documented } from './documented';
