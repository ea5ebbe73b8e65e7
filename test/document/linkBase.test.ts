/** Short links (issue 14): a link may name only a loss, or only a preset, and still open a whole example. */
import { describe, expect, it } from 'vitest';
import { evaluate, type LossResult } from '../../src/engine/index';
import { decode, encode } from '../../src/document/codec';
import { defaultDoc, type ExampleDoc } from '../../src/document/document';
import { CTC_EXAMPLE } from '../../src/document/examples';
import { docToRequest } from '../../src/document/request';
import { PRESETS, presetById, presetDoc } from '../../src/presets';
import { LOSS_GROUPS } from '../../src/ui/common/lossInfo';
import { switchLoss } from '../../src/ui/header/switchLoss';

const OPTIONS = LOSS_GROUPS.flatMap((g) => g.options);
const run = (d: ExampleDoc) => {
  const { req, opts } = docToRequest(d);
  return evaluate(req, opts);
};

describe('a link that names only a loss', () => {
  it.each(OPTIONS.map((o) => [o.key, o] as const))('%s opens the example the loss picker shows for it', (_, o) => {
    const picked = switchLoss(defaultDoc(), o.kind, o.name);
    const hash = `v=1${o.kind === 'loss' ? '' : `&kind=${o.kind}`}&name=${o.name}`;
    expect(decode(hash)).toEqual({ doc: picked, errors: [] });
    expect(() => run(picked)).not.toThrow();
  });

  it('#v=1&name=BinaryCrossentropy&label_smoothing=0.2 computes BinaryCrossentropy with label_smoothing 0.2', () => {
    const { doc, errors } = decode('#v=1&name=BinaryCrossentropy&label_smoothing=0.2');
    expect(errors).toEqual([]);
    const r = run(doc) as LossResult;
    expect(r).toMatchObject({ kind: 'loss', name: 'BinaryCrossentropy', config: { label_smoothing: 0.2 } });
    // The same number as picking the loss and then moving the slider.
    const picked = { ...switchLoss(defaultDoc(), 'loss', 'BinaryCrossentropy'), config: { label_smoothing: 0.2 } };
    expect(r.value.data[0]).toBe((run(picked) as LossResult).value.data[0]);
  });

  it('keeps what the link does set on the example: a sample_weight, a reduction', () => {
    const { doc, errors } = decode('v=1&name=KLDivergence&reduction=sum&sample_weight=[1,0]');
    expect(errors).toEqual([]);
    expect(doc).toEqual({ ...switchLoss(defaultDoc(), 'loss', 'KLDivergence'), config: { reduction: 'sum' }, sample_weight: [1, 0] });
  });

  it('a metric gets the example as its one update; CTC gets the CTC example', () => {
    expect(decode('v=1&kind=metric&name=Poisson').doc.updates).toHaveLength(1);
    expect(decode('v=1&name=CTC').doc).toMatchObject({ y_true: CTC_EXAMPLE.y_true, y_pred: CTC_EXAMPLE.y_pred });
  });

  it('a link with y_true or y_pred reads the rest from the defaults, as links always did', () => {
    expect(decode('v=1&name=CategoricalCrossentropy&y_true=[[0,1,0],[0,0,1]]').doc.y_pred).toEqual(defaultDoc().y_pred);
  });
});

describe('encode leaves out what the decoder fills in', () => {
  it.each(OPTIONS.map((o) => [o.key, o] as const))('%s over its own example is written as the name alone', (_, o) => {
    const d = switchLoss(defaultDoc(), o.kind, o.name);
    const named = ['v=1', o.kind !== 'loss' && `kind=${o.kind}`, o.name !== defaultDoc().name && `name=${o.name}`];
    expect(encode(d)).toBe(named.filter(Boolean).join('&'));
  });

  it('the first example\'s data under a loss whose example differs is still written, so it comes back as it was', () => {
    const d: ExampleDoc = { ...defaultDoc(), name: 'BinaryCrossentropy' };
    expect(encode(d)).toBe('v=1&name=BinaryCrossentropy&y_true=[1,2]');
    expect(decode(encode(d))).toEqual({ doc: d, errors: [] });
  });

  it('an edited CTC example is plain, readable text, not a compressed blob', () => {
    const d = { ...switchLoss(defaultDoc(), 'loss', 'CTC'), y_true: [[1, 2, 0], [2, 2, 0], [0, 0, 0]] };
    const link = encode(d);
    expect(link).not.toMatch(/z=/);
    expect(link).toContain('y_true=[[1,2,0],[2,2,0],[0,0,0]]');
    expect(link).toContain('y_pred=[[[0.5,1,-0.3],[0.1,0.2,1.5]');
    expect(decode(link)).toEqual({ doc: d, errors: [] });
  });
});

describe('a link that names only a preset', () => {
  it.each(PRESETS.map((p) => [p.id, p] as const))('%s is written as its id and opens the documented example', (id, p) => {
    expect(encode(p.doc, presetDoc)).toBe(`v=1&preset=${id}`);
    expect(decode(`v=1&preset=${id}`, presetDoc)).toEqual({ doc: p.doc, errors: [] });
  });

  it('a view change is written beside the id', () => {
    const p = presetById('bfce-6')!.doc;
    const d = { ...p, view: { ...p.view, tab: 'gradient' as const, selected: [1, 0] as [number, number] } };
    expect(encode(d, presetDoc)).toBe('v=1&tab=gradient&sel=1,0&preset=bfce-6');
    expect(decode(encode(d, presetDoc), presetDoc)).toEqual({ doc: d, errors: [] });
  });

  it('a preset id beside a field the engine reads is only a label, as in links written before', () => {
    const { doc } = decode('v=1&sample_weight=[0.3,0.7]&preset=scce-2', presetDoc);
    expect(doc).toEqual(presetById('scce-2')!.doc);
    const other = decode('v=1&name=Poisson&preset=bfce-6', presetDoc).doc;
    expect(other.name).toBe('Poisson');
  });

  it('a document that carries a preset id but not its data is written in full and comes back as it was', () => {
    const p = presetById('bfce-6')!.doc;
    const d = { ...p, config: { ...p.config, gamma: 1 } };
    expect(encode(d, presetDoc)).toContain('gamma=1');
    expect(decode(encode(d, presetDoc), presetDoc)).toEqual({ doc: d, errors: [] });
    const labelled = { ...defaultDoc(), view: { ...defaultDoc().view, preset: 'bfce-6' } };
    expect(decode(encode(labelled), presetDoc)).toEqual({ doc: labelled, errors: [] });
  });

  it('an unknown preset id reads against the defaults', () => {
    expect(decode('v=1&preset=no-such', presetDoc).doc).toEqual({ ...defaultDoc(), view: { ...defaultDoc().view, preset: 'no-such' } });
  });
});
