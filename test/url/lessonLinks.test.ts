/**
 * Lesson links while the lessons' content is not loaded yet (it is a chunk of its own): this file
 * imports no lesson content, so the content arrives only through loadLessons().
 */
import { describe, expect, it } from 'vitest';
import { lessonsNow } from '../../src/lessons/registry';
import { lessonsPending, linkNeedsLessons, readLinkDoc } from '../../src/url/sync';

describe('a lesson link before the lessons are loaded', () => {
  it('is read with its lesson once linkNeedsLessons has loaded the content; a link without one waits for nothing', async () => {
    expect(lessonsNow()).toBeNull();
    expect(lessonsPending('#v=1&gamma=2')).toBe(false);
    expect(lessonsPending('#v=1&lesson=smoothing&step=2')).toBe(true);
    // Read too early, the lesson keys are dropped and the reason given by field.
    const early = readLinkDoc('#v=1&lesson=smoothing&step=2')!;
    expect(early.doc.view.lesson).toBeUndefined();
    expect(early.errors).toEqual([{ field: 'view.lesson', message: 'the built-in lessons could not be loaded; ignored' }]);

    await linkNeedsLessons('#v=1&lesson=smoothing&step=2');
    expect(lessonsPending('#v=1&lesson=smoothing&step=2')).toBe(false);
    const opened = readLinkDoc('#v=1&lesson=smoothing&step=2')!;
    expect(opened.errors).toEqual([]);
    expect(opened.doc.view).toMatchObject({ lesson: 'smoothing', step: 2 });
    expect(opened.doc.name).toBe('CategoricalCrossentropy');
    expect(opened.doc.config).toHaveProperty('label_smoothing');
  });
});
