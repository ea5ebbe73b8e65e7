import { beforeAll, describe, expect, it } from 'vitest';
import { defaultDoc, type ExampleDoc } from '../../src/document/document';
import { decode, encode, hasDoc } from '../../src/document/codec';
import { deflateText, loadCompression } from '../../src/document/compress';
import { docProblems } from '../../src/document/fields';
import { LIMITS } from '../../src/document/schema';

// z= links need the deflate library, which the page loads on demand (lazyCompression.test.ts).
beforeAll(() => loadCompression());

const doc = (patch: Partial<ExampleDoc> = {}): ExampleDoc => ({ ...defaultDoc(), ...patch });
const bce: ExampleDoc = doc({
  name: 'BinaryCrossentropy',
  config: { from_logits: true },
  y_true: [0, 1, 0, 0],
  y_pred: [-18.6, 0.51, 2.94, -12.8],
});

describe('encode', () => {
  it('encode writes only v=1 for the default document', () => {
    expect(encode(defaultDoc())).toBe('v=1');
  });

  it('encode spells keys as Keras does and tensors as compact nested lists; a long link carries its length n', () => {
    expect(encode(bce)).toBe(
      'v=1&n=88&name=BinaryCrossentropy&from_logits=true&y_true=[0,1,0,0]&y_pred=[-18.6,0.51,2.94,-12.8]');
  });

  it('encode writes config keys even when they equal the Keras default (a config lists what was passed)', () => {
    expect(encode(doc({ config: { gamma: 2 } }))).toBe('v=1&gamma=2');
  });

  it('encode writes view state: tab, selected cell, hidden controls and preset', () => {
    const d = doc({ view: { tab: 'focal', selected: [1, 2], hide: ['alpha', 'gamma'], preset: null } });
    expect(encode(d)).toBe('v=1&tab=focal&sel=1,2&hide=alpha,gamma');
    // A preset id with nothing the engine reads would stand for the preset's own data (linkBase.ts),
    // so a document that only carries the id beside other data also names its loss.
    const labelled = doc({ view: { ...d.view, preset: 'bfce-1' } });
    expect(encode(labelled)).toBe('v=1&n=83&name=SparseCategoricalCrossentropy&tab=focal&sel=1,2&hide=alpha,gamma&preset=bfce-1');
    expect(decode(encode(labelled))).toEqual({ doc: labelled, errors: [] });
  });

  it('encode writes the gradient chart set-up (overlay and x axis) so a link reopens the same chart', () => {
    const d = doc({ view: { tab: 'gradient', selected: [0, 1], hide: [], preset: null, compare: 'dtype', space: 'logit' } });
    expect(encode(d)).toBe('v=1&tab=gradient&sel=0,1&compare=dtype&space=logit');
    expect(decode(encode(d))).toEqual({ doc: d, errors: [] });
  });

  it('encode writes a lesson step, a teacher’s title and note, and an embed view, percent-encoding the text', () => {
    const d = doc({ view: { tab: 'per-sample', selected: null, hide: ['inputs'], preset: null, lesson: 'ctc', step: 2, title: 'Week 3 & 4', note: 'Read:\nthe blank', embed: 'result' } });
    expect(encode(d)).toBe('v=1&n=94&hide=inputs&lesson=ctc&step=2&title=Week%203%20%26%204&note=Read%3A%0Athe%20blank&embed=result');
    expect(decode(encode(d))).toEqual({ doc: d, errors: [] });
  });

  it('encode writes the training run (optimizer, learning rate, steps, comparison, shown step) so a link reopens the same run', () => {
    const d = doc({ view: { tab: 'training', selected: null, hide: [], preset: null, optimizer: 'adam', learningRate: 0.05, steps: 300, trainCompare: 'smoothing', trainStep: 120 } });
    expect(encode(d)).toBe('v=1&n=95&tab=training&optimizer=adam&learning_rate=0.05&steps=300&train_compare=smoothing&train_step=120');
    expect(decode(encode(d))).toEqual({ doc: d, errors: [] });
    // Unset, each is left out of the link (the chart's defaults: SGD at Keras's rate, 500 steps, the run's end).
    expect(encode(doc({ view: { ...d.view, optimizer: undefined, learningRate: undefined, steps: undefined, trainCompare: undefined, trainStep: undefined } })))
      .toBe('v=1&tab=training');
  });

  it('encode switches to a z= deflate payload when that is shorter', () => {
    const big = doc({ y_pred: Array.from({ length: 40 }, () => [0.25, 0.25, 0.5]), y_true: Array(40).fill(2) });
    const text = encode(big);
    expect(text).toMatch(/^v=1&z=[A-Za-z0-9_-]+$/);
    expect(decode(text)).toEqual({ doc: big, errors: [] });
  });
});

describe('decode', () => {
  it.each([
    ['an empty hash', ''],
    ['just "#"', '#'],
  ])('decode of %s gives the default document without errors', (_, hash) => {
    expect(decode(hash)).toEqual({ doc: defaultDoc(), errors: [] });
  });

  it('decode accepts the hash with or without its leading #', () => {
    expect(decode(`#${encode(bce)}`).doc).toEqual(bce);
    expect(decode(encode(bce)).doc).toEqual(bce);
  });

  it('decode keeps valid keys when one is corrupt', () => {
    const { doc: d, errors } = decode('v=1&name=BinaryCrossentropy&gamma=500&y_pred=[[0.1,0.9]]&y_true=[[0,1');
    expect(d.name).toBe('BinaryCrossentropy');
    expect(d.y_pred).toEqual([[0.1, 0.9]]);
    expect(d.config).toEqual({});
    expect(d.y_true).toEqual(defaultDoc().y_true);
    expect(errors.map((e) => e.field)).toEqual(['config.gamma', 'y_true']);
  });

  it('decode names a bad chart set-up and keeps the rest of the view', () => {
    const { doc: d, errors } = decode('v=1&tab=gradient&compare=median&space=log');
    expect(d.view.tab).toBe('gradient');
    expect(d.view.compare).toBeUndefined();
    expect(errors.map((e) => e.field)).toEqual(['view.compare', 'view.space']);
  });

  it('decode reads embed=1 as the chart, and names a bad step, title, note or embed value', () => {
    expect(decode('v=1&embed=1').doc.view.embed).toBe('chart');
    const long = 'x'.repeat(LIMITS.maxNote + 1);
    const { doc: d, errors } = decode(`v=1&lesson=ctc&step=0&title=a%09b&note=${long}&embed=table`);
    expect(d.view.lesson).toBe('ctc');
    expect(d.view).not.toHaveProperty('step');
    expect(errors).toEqual([
      { field: 'view.step', message: expect.stringMatching(/>=1/) },
      { field: 'view.title', message: 'expected plain text (no control characters)' },
      { field: 'view.note', message: `expected at most ${LIMITS.maxNote} characters` },
      { field: 'view.embed', message: expect.any(String) },
    ]);
  });

  it('decode names a bad training run and keeps the rest of the view', () => {
    const { doc: d, errors } = decode('v=1&tab=training&optimizer=rmsprop&learning_rate=0&steps=1001&train_compare=dtype&train_step=2.5');
    expect(d.view).toEqual({ ...defaultDoc().view, tab: 'training' });
    expect(errors.map((e) => e.field)).toEqual(['view.optimizer', 'view.learningRate', 'view.steps', 'view.trainCompare', 'view.trainStep']);
    expect(decode('v=1&learning_rate=1e3').errors.map((e) => e.field)).toEqual(['view.learningRate']);
    expect(decode('v=1&steps=[1]').errors[0]).toEqual({ field: 'view.steps', message: expect.any(String) });
  });

  it('decode loads label_smoothing outside [0, 1], which Keras accepts silently', () => {
    expect(decode('v=1&label_smoothing=1.5')).toEqual({ doc: doc({ config: { label_smoothing: 1.5 } }), errors: [] });
  });

  it.each([
    ['config.gamma', 'gamma=-1'],
    ['config.gamma', 'gamma=101'],
    ['config.from_logits', 'from_logits=maybe'],
    ['config.reduction', 'reduction=average'],
    ['config.axis', 'axis=0.5'],
    ['config.ignore_class', 'ignore_class=1.5'],
    ['kind', 'kind=layer'],
    ['name', 'name=os.system'],
    ['dtype', 'dtype=int8'],
    ['view.tab', 'tab=nope'],
    ['view.selected', 'sel=1'],
    ['view.hide', 'hide=a b'],
    ['y_pred', 'y_pred=[1,"2"]'],
    ['y_pred', 'y_pred=[1,"nan"]'],
    ['y_pred', 'y_pred=[[[[[1]]]]]'],
    ['updates', 'updates=[[1]]'],
    ['reset_before', 'reset_before=[-1]'],
  ])('decode reports %s for "%s" and keeps the default', (field, param) => {
    const { doc: d, errors } = decode(`v=1&${param}`);
    expect(errors).toEqual([{ field, message: expect.any(String) }]);
    expect(d).toEqual(defaultDoc());
    expect(docProblems(d)).toEqual([]);
  });

  it('decode ignores unknown keys, and lists them, and refuses prototype keys', () => {
    const { doc: d, errors } = decode('v=1&colour=red&__proto__=1&constructor=2&gamma=3');
    expect(d.config).toEqual({ gamma: 3 });
    expect(errors.map((e) => e.field)).toEqual(['__proto__', 'constructor', 'colour']);
    expect(errors[2].message).toMatch(/not a parameter Loss Playground knows/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('decode reads an unknown version as v=1 and says so', () => {
    const { doc: d, errors } = decode('v=7&gamma=3');
    expect(d.config).toEqual({ gamma: 3 });
    expect(errors).toEqual([{ field: 'v', message: expect.stringContaining('7') }]);
  });

  it('decode refuses a grid with more than 100k entries', () => {
    const payload = deflateText(`y_pred=[${Array(LIMITS.maxElements + 1).fill(0).join(',')}]`);
    const { errors } = decode(`v=1&z=${payload}`);
    expect(errors.map((e) => e.field)).toEqual(['y_pred']);
  });

  it('decode refuses links longer than the input cap without reading them', () => {
    const { doc: d, errors } = decode(`v=1&name=${'A'.repeat(LIMITS.maxHashChars)}`);
    expect(d).toEqual(defaultDoc());
    expect(errors).toEqual([{ field: 'url', message: expect.any(String) }]);
  });

  it('decode stops inflating a decompression bomb at the cap', () => {
    const bomb = deflateText(`name=${'A'.repeat(LIMITS.maxInflatedBytes * 2)}`)!;
    expect(bomb.length).toBeLessThan(LIMITS.maxHashChars);
    const { doc: d, errors } = decode(`v=1&z=${bomb}`);
    expect(d).toEqual(defaultDoc());
    expect(errors).toEqual([{ field: 'z', message: expect.stringContaining('inflates past') }]);
  });

  it('decode reports a truncated z= payload and falls back to defaults', () => {
    const big = doc({ y_pred: Array.from({ length: 40 }, (_, i) => [i / 40, 1 - i / 40]) });
    const text = encode(big);
    const { doc: d, errors } = decode(text.slice(0, text.length - 10));
    expect(d).toEqual(defaultDoc());
    expect(errors.map((e) => e.field)).toEqual(['z']);
  });

  it('decode keeps -0 and numbers in shortest round-trip form', () => {
    const d = doc({ y_pred: [-0, 1e-7, 0.1 + 0.2, 123456789012345680000] });
    expect(decode(encode(d)).doc.y_pred).toEqual(d.y_pred);
    expect(Object.is((decode(encode(d)).doc.y_pred as number[])[0], -0)).toBe(true);
  });

  it('hasDoc tells a document hash from an in-page anchor', () => {
    expect(hasDoc('#v=1&gamma=2')).toBe(true);
    expect(hasDoc('#results')).toBe(false);
    expect(hasDoc('')).toBe(false);
  });
});

describe('links as chat tools and people mangle them (issue 13)', () => {
  const full = encode(doc({ name: 'BinaryCrossentropy', config: { from_logits: true, label_smoothing: 0.25 }, y_true: [[0, 1], [1, 0]], y_pred: [[-1.5, 2.25], [0.5, -3]] }));

  it('reads parameters in any order, with v last', () => {
    const { doc: d, errors } = decode('#name=BinaryCrossentropy&from_logits=true&y_true=[[0,1]]&y_pred=[[0.5,-2]]&v=1');
    expect(errors).toEqual([]);
    expect(d).toMatchObject({ name: 'BinaryCrossentropy', config: { from_logits: true }, y_pred: [[0.5, -2]] });
    expect(hasDoc('#name=BinaryCrossentropy&from_logits=true&y_true=[[0,1]]&y_pred=[[0.5,-2]]&v=1')).toBe(true);
  });

  it.each([['&amp;', '&amp;'], ['; ', ';']])('reads %s as the separator', (_label, sep) => {
    const mangled = full.split('&').join(sep);
    expect(hasDoc(`#${mangled}`)).toBe(true);
    const { doc: d, errors } = decode(mangled);
    expect(errors).toEqual([]);
    expect(d).toEqual(decode(full).doc);
  });

  it('says a cut-off link was cut off and drops its last, possibly cut, parameter', () => {
    expect(full).toMatch(/^v=1&n=\d+&/);
    const cut = full.slice(0, full.indexOf('label_smoothing=0.25') + 'label_smoothing=0.2'.length);
    const { doc: d, errors } = decode(cut);
    expect(errors).toEqual([{ field: 'url', message: expect.stringMatching(/this link was cut off \(\d+ of \d+ characters arrived\).*label_smoothing/) }]);
    expect(d.config.label_smoothing).toBeUndefined(); // not 0.2
    expect(d.config.from_logits).toBe(true);
  });

  it('a link cut inside a key reports the fragment as unknown instead of loading silently', () => {
    const { errors } = decode('#v=1&name=BinaryCrossentropy&from_logits=true&reduct');
    expect(errors.map((e) => e.field)).toEqual(['reduct']);
  });
});
