/**
 * The deflate library is not part of the start-up bytes: it loads the first time a long link is
 * written or a z= link read. Until then links stay plain and a z= payload is not misread.
 * (This file must not load it in a beforeAll: each test file starts with fresh modules.)
 */
import { describe, expect, it } from 'vitest';
import { defaultDoc } from '../../src/document/document';
import { decode, encode } from '../../src/document/codec';
import { compressionLoaded, loadCompression, needsCompression } from '../../src/document/compress';

const longDoc = { ...defaultDoc(), y_pred: Array.from({ length: 200 }, () => 0.25), y_true: Array.from({ length: 200 }, () => 1) };
const compressed = 'v=1&z=' + 'hYpLDsMgEENvw4oiqKLsZtMeA6GIkImEIj6amS5y';

describe('loading the deflate library on demand', () => {
  it('before it loads, a long link is written plain and a z= link is known to need it', async () => {
    expect(compressionLoaded()).toBe(false);
    expect(encode(longDoc)).toMatch(/^v=1&n=\d+&y_true=/);
    expect(needsCompression(`#${compressed}`)).toBe(true);
    expect(needsCompression('#v=1&name=Poisson')).toBe(false);
    expect(decode(compressed).errors).toEqual([{ field: 'z', message: expect.stringContaining('not loaded') }]);

    await loadCompression();
    expect(compressionLoaded()).toBe(true);
    const packed = encode(longDoc);
    expect(packed).toMatch(/^v=1&z=/);
    expect(decode(packed)).toEqual({ doc: longDoc, errors: [] });
    expect(needsCompression(`#${compressed}`)).toBe(false);
  });
});
