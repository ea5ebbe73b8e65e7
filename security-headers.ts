/**
 * The HTTP headers the playground is served with: a strict Content-Security-Policy (scripts only
 * from this origin, plus WebAssembly compilation for the kernels; no eval, no plugins, no <base>,
 * no framing), no MIME sniffing, and no referrer beyond the origin. Used by `vite preview` and
 * `vite dev` (vite.config.ts, per request path) and written to dist/_headers for static hosts that
 * read that file.
 *
 * One page may be framed, deliberately: the embed page (embed.html), made to sit in an <iframe>
 * on a course page or a blog. Its policy is the same except `frame-ancestors`, which lists who may
 * frame it: everyone (`*`) unless EMBED_FRAME_ANCESTORS names the sites (space-separated CSP
 * sources, e.g. "https://course.example.edu https://*.example.org"). The app itself stays
 * unframeable.
 */
const STRICT_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
  "style-src 'self'",
  // Chart export draws an SVG blob into an <img>; downloads are blob: links.
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The dev server injects React Refresh's inline preamble and hot-reloaded <style> tags and talks
 * to its HMR socket, so `vite dev` relaxes exactly those three; everything else stays strict.
 */
const devCsp = (csp: string): string => csp
  .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
  .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
  .replace("connect-src 'self'", "connect-src 'self' ws: wss:");

const COMMON = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
};

/** Paths that serve the embed page (static hosts drop `.html` and redirect to the short path). */
export const EMBED_PATHS: readonly string[] = ['/embed.html', '/embed'];

/** One CSP source for frame-ancestors: `*`, `'self'`, a scheme (`https:`) or a host with an optional scheme, `*.` and port. */
const ANCESTOR = /^(\*|'self'|[a-z][a-z0-9+.-]*:|([a-z][a-z0-9+.-]*:\/\/)?(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:(\d{1,5}|\*))?)$/i;

/**
 * Who may frame the embed page, as the frame-ancestors value: `*` by default, or the sources a
 * deployment lists (in EMBED_FRAME_ANCESTORS). Throws, naming the source, on anything that is
 * not a plain CSP source (a `;` would smuggle in another directive).
 */
export function embedAncestors(list: string | undefined = process.env.EMBED_FRAME_ANCESTORS): string {
  const sources = (list ?? '').trim().split(/\s+/).filter(Boolean);
  if (sources.length === 0) return '*';
  for (const s of sources) {
    if (!ANCESTOR.test(s)) throw new Error(`EMBED_FRAME_ANCESTORS: "${s}" is not a CSP source (expected e.g. https://course.example.edu or 'self')`);
  }
  return sources.join(' ');
}

const embedCsp = (ancestors: string): string => STRICT_CSP.replace("frame-ancestors 'none'", `frame-ancestors ${ancestors}`);

export const PRODUCTION_HEADERS: Record<string, string> = { 'Content-Security-Policy': STRICT_CSP, ...COMMON };
export const DEV_HEADERS: Record<string, string> = { 'Content-Security-Policy': devCsp(STRICT_CSP), ...COMMON };

export function embedHeaders(mode: 'production' | 'dev', ancestors = embedAncestors()): Record<string, string> {
  const csp = embedCsp(ancestors);
  return { 'Content-Security-Policy': mode === 'dev' ? devCsp(csp) : csp, ...COMMON };
}

/** True for a request path (with or without a query) that serves the embed page. */
export function isEmbedPath(url: string): boolean {
  return EMBED_PATHS.includes(url.split(/[?#]/)[0]);
}

/** The headers for one request path. */
export function headersFor(url: string, mode: 'production' | 'dev', ancestors = embedAncestors()): Record<string, string> {
  if (isEmbedPath(url)) return embedHeaders(mode, ancestors);
  return mode === 'dev' ? DEV_HEADERS : PRODUCTION_HEADERS;
}

/**
 * dist/_headers: every path gets the production headers; the embed paths get the embed policy.
 * Cloudflare Pages applies every matching block and joins a repeated header with a comma (two
 * policies, and the stricter frame-ancestors 'none' would win), so the embed blocks first detach
 * the site-wide policy (`! Content-Security-Policy`). Netlify lets the later block win and does
 * not know the detach line: delete those lines there (README, "Embedding").
 */
export function headersFile(ancestors = embedAncestors()): string {
  const block = (path: string, headers: Record<string, string>, detach: string[] = []) =>
    [path, ...detach.map((h) => `  ! ${h}`), ...Object.entries(headers).map(([k, v]) => `  ${k}: ${v}`)];
  const embedCspOnly = { 'Content-Security-Policy': embedCsp(ancestors) };
  return [
    ...block('/*', PRODUCTION_HEADERS),
    ...EMBED_PATHS.flatMap((p) => block(p, embedCspOnly, ['Content-Security-Policy'])),
    '',
  ].join('\n');
}
