/** The lesson picker's static index (loaded at start-up) against the lessons' content (loaded on demand). */
import { describe, expect, it } from 'vitest';
import { LESSON_INDEX } from '../../src/lessons/catalog';
import { LESSONS } from '../../src/lessons/index';

describe('the lesson index', () => {
  it('lists every lesson of the content, in order, with its title, summary and number of steps', () => {
    expect(LESSON_INDEX).toEqual(LESSONS.map((l) => ({ id: l.id, title: l.title, summary: l.summary, steps: l.steps.length })));
  });
});
