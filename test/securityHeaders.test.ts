/** The served headers: the app may not be framed, the embed page may (by everyone, or by the sites a deployment lists). */
import { describe, expect, it } from 'vitest';
import { embedAncestors, headersFile, headersFor, isEmbedPath } from '../security-headers';

const frameAncestors = (h: Record<string, string>) => /frame-ancestors ([^;]+)/.exec(h['Content-Security-Policy'])?.[1];

describe('security headers', () => {
  it('the app is unframeable and the embed page is framable, in production and in dev', () => {
    for (const mode of ['production', 'dev'] as const) {
      expect(frameAncestors(headersFor('/', mode, '*'))).toBe("'none'");
      expect(frameAncestors(headersFor('/index.html?kernels=js', mode, '*'))).toBe("'none'");
      expect(frameAncestors(headersFor('/embed.html', mode, '*'))).toBe('*');
      expect(frameAncestors(headersFor('/embed?x=1', mode, '*'))).toBe('*');
    }
  });

  it('the embed page keeps every other directive of the strict policy', () => {
    const app = headersFor('/', 'production', '*')['Content-Security-Policy'];
    const embed = headersFor('/embed.html', 'production', '*')['Content-Security-Policy'];
    expect(embed).toBe(app.replace("frame-ancestors 'none'", 'frame-ancestors *'));
    expect(embed).not.toMatch(/'unsafe-(eval|inline)'/);
  });

  it('only the embed page’s own paths count as the embed page', () => {
    expect(isEmbedPath('/embed.html#v=1')).toBe(true);
    for (const p of ['/embed.html/', '/embedded', '/x/embed.html', '/%65mbed.html', '/']) expect(isEmbedPath(p), p).toBe(false);
  });

  it('EMBED_FRAME_ANCESTORS lists the sites that may frame the embed; anything else is refused by name', () => {
    expect(embedAncestors(undefined)).toBe('*');
    expect(embedAncestors('  https://course.example.edu   https://*.blog.example:8443 \'self\' ')).toBe("https://course.example.edu https://*.blog.example:8443 'self'");
    expect(() => embedAncestors("https://a.example; script-src 'unsafe-inline'")).toThrow('"https://a.example;" is not a CSP source');
    expect(() => embedAncestors("'unsafe-inline'")).toThrow(/'unsafe-inline'/);
  });

  it('dist/_headers gives every path the strict policy and replaces it (detach, then set) on the embed paths', () => {
    const lines = headersFile('https://course.example.edu').split('\n');
    expect(lines[0]).toBe('/*');
    expect(lines[1]).toMatch(/^ {2}Content-Security-Policy: .*frame-ancestors 'none'$/);
    for (const p of ['/embed.html', '/embed']) {
      const at = lines.indexOf(p);
      expect(lines[at + 1]).toBe('  ! Content-Security-Policy');
      expect(lines[at + 2]).toMatch(/^ {2}Content-Security-Policy: .*frame-ancestors https:\/\/course\.example\.edu$/);
    }
  });
});
