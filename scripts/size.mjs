#!/usr/bin/env node
/**
 * Start-up budget: the gzipped bytes the page loads before its first result, and a failure (exit 1)
 * above the budget. "Before the first result" is what index.html loads (its module script, that
 * script's static imports and modulepreloads, its stylesheets) plus the engine worker the page
 * starts at once and what the worker fetches before it answers (kernels_simd.wasm). Chunks the
 * page loads later with import() are listed apart and not counted.
 *
 *   node scripts/size.mjs                  npm run build (wasm + vite build into dist/), then measure
 *   node scripts/size.mjs --dist <dir>     measure an existing vite build
 *   node scripts/size.mjs --budget 130     budget in kB (default 130)
 *
 * Sizes are gzip at zlib's default level, in kB of 1000 bytes: the figures `vite build` prints.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
};
const budgetKb = Number(option('--budget', '130'));
let dist = option('--dist', null);

if (dist === null) {
  dist = join(root, 'dist');
  const built = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (built.status !== 0) {
    console.error('size: the build failed');
    process.exit(1);
  }
}
dist = resolve(dist);
if (!existsSync(join(dist, 'index.html'))) {
  console.error(`size: ${join(dist, 'index.html')} not found (build first, or pass --dist)`);
  process.exit(1);
}

/** A URL from the page or a chunk, as a path inside dist. */
function local(url, fromFile) {
  if (/^[a-z]+:/i.test(url)) return null;
  const path = url.startsWith('/') ? url.slice(1) : posix.join(posix.dirname(fromFile), url);
  return existsSync(join(dist, path)) ? posix.normalize(path) : null;
}

const read = (file) => readFileSync(join(dist, file), 'utf8');
const attrs = (tag) => Object.fromEntries([...tag.matchAll(/([\w-]+)(?:="([^"]*)")?/g)].map((m) => [m[1], m[2] ?? '']));

const loaded = new Map(); // file -> why
const later = new Set();

/** A JS chunk and everything it imports statically; import() targets are noted as loaded later. */
function addScript(file, why) {
  if (loaded.has(file)) return;
  loaded.set(file, why);
  const code = read(file);
  // Static: `import"./a.js"`, `import{x}from"./a.js"`, `export*from"./a.js"`; import("./a.js") is dynamic.
  for (const m of code.matchAll(/(?:\bimport|\bfrom)\s*["']([^"']+\.js)["']/g)) {
    const dep = local(m[1], file);
    if (dep) addScript(dep, `imported by ${file}`);
  }
  for (const m of code.matchAll(/\bimport\(\s*["']([^"']+\.js)["']\s*\)/g)) {
    const dep = local(m[1], file);
    if (dep) later.add(dep);
  }
  // A module worker the code starts: its own chunk, and the assets that chunk fetches (the wasm kernels).
  for (const m of code.matchAll(/new\s+Worker\(\s*new\s+URL\(\s*["']([^"']+\.js)["']/g)) {
    const worker = local(m[1], file);
    if (worker) addScript(worker, `worker started by ${file}`);
  }
  for (const m of code.matchAll(/["']([^"']+\.wasm)["']/g)) {
    const wasm = local(m[1], file);
    if (wasm && !loaded.has(wasm)) loaded.set(wasm, `fetched by ${file}`);
  }
}

const html = read('index.html');
for (const [tag] of html.matchAll(/<(?:script|link)\b[^>]*>/g)) {
  const a = attrs(tag);
  if (tag.startsWith('<script') && a.type === 'module' && a.src) {
    const f = local(a.src, 'index.html');
    if (f) addScript(f, 'index.html module script');
  } else if (a.rel === 'modulepreload' && a.href) {
    const f = local(a.href, 'index.html');
    if (f) addScript(f, 'index.html modulepreload');
  } else if (a.rel === 'stylesheet' && a.href) {
    const f = local(a.href, 'index.html');
    if (f) loaded.set(f, 'index.html stylesheet');
  }
}
loaded.set('index.html', 'the page');

const gz = (file) => gzipSync(readFileSync(join(dist, file))).length;
const kb = (bytes) => `${(bytes / 1000).toFixed(2)} kB`;
const rows = [...loaded].map(([file, why]) => ({ file, why, size: gz(file) })).sort((a, b) => b.size - a.size);
const total = rows.reduce((s, r) => s + r.size, 0);
const width = Math.max(...rows.map((r) => r.file.length), ...[...later].map((f) => f.length));

console.log(`Loaded before the first result (gzip, ${posix.relative(root.replaceAll('\\', '/'), dist.replaceAll('\\', '/')) || dist}):`);
for (const r of rows) console.log(`  ${r.file.padEnd(width)}  ${kb(r.size).padStart(10)}  ${r.why}`);
console.log(`  ${'total'.padEnd(width)}  ${kb(total).padStart(10)}  (budget ${budgetKb} kB)`);
const deferred = [...later].filter((f) => !loaded.has(f)).sort();
if (deferred.length) {
  console.log('Loaded later, on demand (not counted):');
  for (const f of deferred) console.log(`  ${f.padEnd(width)}  ${kb(gz(f)).padStart(10)}`);
}
if (total > budgetKb * 1000) {
  console.error(`size: ${kb(total)} is over the ${budgetKb} kB start-up budget`);
  process.exit(1);
}
