/**
 * Every built-in lesson, step by step, against the engine: each number a step states is read from
 * an engine evaluation of the step's documents (no digits typed into the text), prints as that
 * value, and every claim the text makes holds. Each step is also a valid document and a link.
 */
import { describe, expect, it } from 'vitest';
import { evaluateMany } from '../../src/engine/index';
import { decode, encode } from '../../src/document/codec';
import { docProblems } from '../../src/document/fields';
import {
  fillTemplate, LESSONS, parseTemplate, printNumber, readLessonLink, segmentsText, stepDoc, stepDocs, stepRequests, strayNumbers, valuesOf,
  type LessonStep, type Outcome,
} from '../../src/lessons/index';
import { formatNumber } from '../../src/ui/common/format';

function outcomesOf(step: LessonStep): Record<string, Outcome> {
  const requests = stepRequests(step);
  return Object.fromEntries(evaluateMany(requests).map((o, i) => [requests[i].variant, o]));
}

/** How far a printed number may be from the value it prints: half a unit in its last digit. */
function printTolerance(printed: string): number {
  const [mant, exp = '0'] = printed.toLowerCase().split('e');
  const decimals = mant.includes('.') ? mant.split('.')[1].length : 0;
  return 0.5 * 10 ** (Number(exp) - decimals);
}

const steps = LESSONS.flatMap((lesson) => lesson.steps.map((step, i) => ({ lesson, step, i, name: `${lesson.id} step ${i + 1}: ${step.title}` })));

describe('the lessons', () => {
  it('are six to eight, with unique link-safe ids and a few steps each', () => {
    expect(LESSONS.length).toBeGreaterThanOrEqual(6);
    expect(LESSONS.length).toBeLessThanOrEqual(8);
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
    for (const l of LESSONS) {
      expect(l.id).toMatch(/^[a-z_]{1,40}$/);
      expect(l.steps.length).toBeGreaterThanOrEqual(2);
      expect(l.steps.length).toBeLessThanOrEqual(6);
    }
  });

  it('cover from_logits, clipping, smoothing, focal, reductions, loss vs metric, CTC and the backends', () => {
    expect(LESSONS.map((l) => l.id)).toEqual(['from_logits', 'clipping', 'smoothing', 'focal', 'reduction', 'loss_vs_metric', 'ctc', 'backends']);
  });
});

describe.each(steps)('$name', ({ lesson, step, i }) => {
  const outcomes = outcomesOf(step);
  const values = valuesOf(stepDocs(step), outcomes);
  const templates = [step.title, step.text, step.try];

  it('types no number into its text: every number is a reference', () => {
    for (const t of [...templates, lesson.title, lesson.summary]) expect(strayNumbers(t), t).toEqual([]);
  });

  it('closes every `formula` within the words around it (the page sets them as code)', () => {
    for (const t of templates) {
      for (const part of parseTemplate(t)) if (part.kind === 'text') expect(part.text.split('`').length % 2, part.text).toBe(1);
    }
  });

  it('reads every reference from the engine, and prints each as the value it names', () => {
    expect(outcomes[''].ok, 'the step’s own document computes').toBe(true);
    for (const t of templates) {
      for (const seg of fillTemplate(t, values)) {
        if (seg.kind === 'text') continue;
        expect(seg.error, `{${seg.ref.text}}`).toBeNull();
        const value = seg.value!;
        expect(Number.isNaN(value), `{${seg.ref.text}} is NaN`).toBe(false);
        const printed = printNumber(value, seg.ref, step.doc.dtype, formatNumber);
        if (!Number.isFinite(value)) expect(printed).toBe(value > 0 ? 'inf' : '-inf');
        // float32 prints the shortest digits that read back as the same float32, as Keras does.
        else if (seg.ref.digits === null && step.doc.dtype === 'float32') expect(Math.fround(Number(printed)), `{${seg.ref.text}} printed ${printed}`).toBe(Math.fround(value));
        else expect(Math.abs(Number(printed) - value), `{${seg.ref.text}} printed ${printed} for ${value}`).toBeLessThanOrEqual(printTolerance(printed) * (1 + 1e-9));
      }
    }
  });

  it('makes only claims the engine confirms', () => {
    expect(step.claims.length).toBeGreaterThan(0);
    for (const c of step.claims) expect(c.holds(values), c.says).toBe(true);
  });

  it('points at a view the page has for this document', () => {
    const main = outcomes[''];
    if (step.view.explain && main.ok && main.result.kind !== 'metric' && step.view.explain !== 'reduction') {
      expect(main.result.steps?.map((s) => s.name)).toContain(step.view.explain);
    }
    if (step.view.tab === 'ctc') expect(step.doc.name).toBe('CTC');
    if (step.view.selected) {
      const [r, c] = step.view.selected;
      expect(Array.isArray(step.doc.y_pred) && Array.isArray(step.doc.y_pred[r]) && typeof step.doc.y_pred[r][c] === 'number').toBe(true);
    }
  });

  it('is a valid document, and both its short link and its full link reopen it', () => {
    const doc = stepDoc(lesson, i);
    expect(docProblems(doc)).toEqual([]);
    const short = decode(`v=1&lesson=${lesson.id}&step=${i + 1}`);
    expect(short.errors).toEqual([]);
    expect(readLessonLink(short.doc)).toEqual({ doc, errors: [] });
    const full = decode(encode(doc));
    expect(readLessonLink(full.doc)).toEqual({ doc, errors: [] });
    expect(segmentsText(fillTemplate(step.text, values), doc.dtype, formatNumber)).not.toContain('…');
  });
});
