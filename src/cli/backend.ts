/**
 * Kernel backend selection for the CLI. The WASM/JS kernels are wired in once they exist;
 * until then every choice runs the TypeScript reference engine.
 */
export type BackendChoice = 'auto' | 'js' | 'wasm';

export async function setupBackend(_choice: BackendChoice): Promise<string> {
  return 'ts';
}
