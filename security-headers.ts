/**
 * The HTTP headers the playground is served with: a strict Content-Security-Policy (scripts only
 * from this origin, plus WebAssembly compilation for the kernels; no eval, no plugins, no <base>,
 * no framing), no MIME sniffing, and no referrer beyond the origin. Used by `vite preview` and
 * `vite dev` (vite.config.ts) and written to dist/_headers for static hosts that read that file
 * (Netlify, Cloudflare Pages).
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
const DEV_CSP = STRICT_CSP
  .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
  .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
  .replace("connect-src 'self'", "connect-src 'self' ws: wss:");

const COMMON = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
};

export const PRODUCTION_HEADERS: Record<string, string> = { 'Content-Security-Policy': STRICT_CSP, ...COMMON };
export const DEV_HEADERS: Record<string, string> = { 'Content-Security-Policy': DEV_CSP, ...COMMON };

/** dist/_headers: every path gets the production headers. */
export function headersFile(): string {
  return ['/*', ...Object.entries(PRODUCTION_HEADERS).map(([k, v]) => `  ${k}: ${v}`), ''].join('\n');
}
