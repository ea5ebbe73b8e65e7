/**
 * The page reads the engine's catalog (pure data) and talks to the engine through the worker: the
 * modules that main.tsx loads statically must not reach a loss implementation. (The main-thread
 * fallback loads the engine with a dynamic import(), which the bundler splits off.)
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(__dirname, '../../src');

/** Static value imports and re-exports of a module (type-only ones and dynamic import() are left out). */
function staticImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  const re = /^\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) if (!m[1]) out.push(m[2]);
  return out;
}

function resolveModule(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null; // a package
  const base = join(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (/\.tsx?$/.test(candidate) && existsSync(candidate)) return candidate;
  }
  return null; // CSS, assets
}

function reachable(entry: string): Set<string> {
  const seen = new Set<string>();
  const walk = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of staticImports(file)) {
      const next = resolveModule(file, spec);
      if (next) walk(next);
    }
  };
  walk(entry);
  return new Set([...seen].map((f) => relative(SRC, f)));
}

describe('the page bundle', () => {
  const page = reachable(join(SRC, 'main.tsx'));

  it('reads the catalog', () => {
    expect(page).toContain('engine/catalog/index.ts');
    expect(page).toContain('ui/common/lossInfo.ts');
  });

  it('holds no loss implementation, no binding and no engine entry point', () => {
    const engine = [...page].filter((f) => f.startsWith('engine/losses/') || f.startsWith('engine/sweep/') ||
      ['engine/bind.ts', 'engine/index.ts', 'engine/loss.ts', 'engine/metrics.ts', 'engine/config.ts', 'engine/accelerate.ts'].includes(f));
    expect(engine).toEqual([]);
  });

  it('holds the lesson index but not the lessons’ content, which is loaded when a lesson opens', () => {
    expect(page).toContain('lessons/catalog.ts');
    expect([...page].filter((f) => f.startsWith('lessons/content/') ||
      ['lessons/index.ts', 'lessons/build.ts', 'lessons/template.ts', 'lessons/refs.ts'].includes(f))).toEqual([]);
  });
});
