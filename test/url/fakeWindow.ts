/** Just enough of window for the sync layer: a location, replaceState and hashchange. */
export class FakeWindow {
  location = { hash: '', href: 'https://example.test/play' };
  replaced: string[] = [];
  private listeners = new Map<string, Set<() => void>>();
  history = {
    state: null,
    replaceState: (_: unknown, __: string, url: string) => {
      this.replaced.push(url);
      const i = url.indexOf('#');
      this.setHash(i >= 0 ? url.slice(i) : '');
    },
  };
  setHash(hash: string) {
    this.location.hash = hash === '#' ? '' : hash;
    this.location.href = `https://example.test/play${this.location.hash}`;
  }
  /** What a user editing the address bar does. */
  navigate(hash: string) {
    this.setHash(hash);
    for (const fn of this.listeners.get('hashchange') ?? []) fn();
  }
  addEventListener(type: string, fn: () => void) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(fn);
  }
  removeEventListener(type: string, fn: () => void) {
    this.listeners.get(type)?.delete(fn);
  }
}
