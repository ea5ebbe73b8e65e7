/** Lesson links and lesson text references: how a link names a lesson step, and the reference grammar. */
import { describe, expect, it } from 'vitest';
import { decode, encode } from '../../src/document/codec';
import { defaultDoc } from '../../src/document/document';
import { fillTemplate, parseRef, readLessonLink, stepDoc, findLesson, strayNumbers, valuesOf } from '../../src/lessons/index';

const smoothing = findLesson('smoothing')!;

describe('readLessonLink', () => {
  it('opens the step’s example for a link that names only the lesson and step', () => {
    const { doc, errors } = readLessonLink(decode('v=1&lesson=smoothing&step=3').doc);
    expect(errors).toEqual([]);
    expect(doc).toEqual(stepDoc(smoothing, 2));
    expect(doc.name).toBe('BinaryCrossentropy');
    expect(doc.view).toMatchObject({ lesson: 'smoothing', step: 3, tab: 'gradient', selected: [0, 0] });
  });

  it('keeps the link’s own hidden panels, title, note and tab next to the step’s example', () => {
    const { doc } = readLessonLink(decode('v=1&lesson=smoothing&step=1&hide=inputs,charts&title=Week%203&note=Read%20me&tab=smoothing').doc);
    expect(doc.y_pred).toEqual(smoothing.steps[0].doc.y_pred);
    expect(doc.view).toMatchObject({ hide: ['inputs', 'charts'], title: 'Week 3', note: 'Read me', tab: 'smoothing', lesson: 'smoothing', step: 1 });
  });

  it('keeps an edited document: the link carries the document, and the lesson card stays', () => {
    const edited = { ...stepDoc(smoothing, 1), y_pred: [[0.2, 0.6, 0.2]] };
    const { doc, errors } = readLessonLink(decode(encode(edited)).doc);
    expect(errors).toEqual([]);
    expect(doc).toEqual(edited);
  });

  it('reports an unknown lesson by field, lists the lessons, and drops it', () => {
    const { doc, errors } = readLessonLink(decode('v=1&lesson=gradients&step=2').doc);
    expect(errors).toEqual([{ field: 'view.lesson', message: expect.stringMatching(/no built-in lesson is called "gradients".*smoothing/) }]);
    expect(doc.view.lesson).toBeUndefined();
    expect(doc.view.step).toBeUndefined();
    expect(doc.name).toBe(defaultDoc().name);
  });

  it('opens the first step when the step is past the end, and says so', () => {
    const { doc, errors } = readLessonLink(decode('v=1&lesson=smoothing&step=9').doc);
    expect(errors).toEqual([{ field: 'view.step', message: 'the smoothing lesson has 4 steps; opened the first' }]);
    expect(doc).toEqual(stepDoc(smoothing, 0));
  });

  it('leaves a link without lesson keys alone', () => {
    const plain = decode('v=1&name=BinaryCrossentropy').doc;
    expect(readLessonLink(plain)).toEqual({ doc: plain, errors: [] });
  });
});

describe('lesson references', () => {
  it('parseRef reads a quantity, an index, a variant and a digit count', () => {
    expect(parseRef('step:p_clipped[0,2]@f64|3')).toMatchObject({ quantity: 'step', name: 'p_clipped', index: [0, 2], variant: 'f64', digits: 3 });
    expect(parseRef('loss')).toMatchObject({ quantity: 'loss', name: '', index: null, variant: '' });
    expect(parseRef('in:config.label_smoothing')).toMatchObject({ quantity: 'in', name: 'config.label_smoothing' });
  });

  it('parseRef takes the last bracket as the index, so step names with brackets work', () => {
    expect(parseRef('step:occupancy[0][1,3]')).toMatchObject({ name: 'occupancy[0]', index: [1, 3] });
  });

  it('parseRef rejects what is not a reference, naming it', () => {
    expect(() => parseRef('lossy')).toThrow('"{lossy}"');
    expect(() => parseRef('step:')).toThrow(/is not a reference|a name must follow/);
    expect(() => parseRef('2 + 2')).toThrow('"{2 + 2}" is not a reference a lesson can use');
  });

  it('a reference to a number that is not there yet fills as an error, not as a number', () => {
    const values = valuesOf({ '': smoothing.steps[0].doc }, {});
    const [, seg] = fillTemplate('x {loss} y', values);
    expect(seg).toMatchObject({ kind: 'num', value: null, error: expect.stringContaining('not computed yet') });
    expect(fillTemplate('{in:config.label_smoothing}', values)[0]).toMatchObject({ value: 0.15, error: null });
  });

  it('an index out of range names the axis', () => {
    const values = valuesOf({ '': smoothing.steps[0].doc }, {});
    expect(() => values.n('in:y_pred[0,7]')).toThrow('y_pred[0,7] is not a number in the document');
    expect(() => values.n('dim:y_pred[4]')).toThrow('dim:y_pred needs one axis below 2');
  });

  it('strayNumbers finds digits typed into literal text, but not in references, formulas or names', () => {
    expect(strayNumbers('the loss is {loss}, `1 − ε` in float32 on Keras 3')).toEqual([]);
    expect(strayNumbers('the loss is 0.865 and the cap 16.118')).toEqual(['0.865', '16.118']);
  });
});
