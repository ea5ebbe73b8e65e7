/**
 * Another site's page for framing tests: a local HTTP server (its own origin, on another port)
 * that serves one HTML page, like a course page or a blog that embeds the playground. A real
 * server rather than a routed response: Chromium only lets a page it reached over the loopback
 * address frame another loopback address.
 */
import { createServer } from 'node:http';

export interface HostPage {
  url: string;
  close(): Promise<void>;
}

export async function serveHostPage(html: string): Promise<HostPage> {
  const server = createServer((_req, res) => {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the host page server has no port');
  return {
    url: `http://127.0.0.1:${address.port}/course.html`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** An HTML attribute value. */
export const attr = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
