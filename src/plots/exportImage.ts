/** Export a chart as a standalone SVG file or a PNG (drawn at 2x through a canvas). */
import { downloadBlob } from '../ui/common/clipboard';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Colours given as `var(--…)` resolved to what the live chart shows (a file has no stylesheet). */
function resolveColours(live: Element, copy: Element): void {
  const view = live.ownerDocument.defaultView;
  if (!view) return;
  const from = [live, ...live.querySelectorAll('*')];
  const to = [copy, ...copy.querySelectorAll('*')];
  from.forEach((el, i) => {
    for (const attr of ['fill', 'stroke']) {
      if (!el.getAttribute(attr)?.includes('var(')) continue;
      const value = view.getComputedStyle(el).getPropertyValue(attr);
      if (value) to[i]?.setAttribute(attr, value);
    }
  });
}

/**
 * The chart's background as a colour: the custom property holds `light-dark(…)` (resolved only
 * where it is used), so read it back through a probe that uses it.
 */
function chartBackground(svg: SVGSVGElement): string {
  const view = svg.ownerDocument.defaultView;
  const host = svg.parentElement;
  if (!view || !host) return '#fff';
  const probe = svg.ownerDocument.createElement('span');
  probe.style.color = 'var(--chart-bg)';
  host.appendChild(probe);
  const colour = view.getComputedStyle(probe).color;
  probe.remove();
  return colour || '#fff';
}

/** Standalone SVG markup: namespace, pixel size and the theme's background, no hover state. */
export function svgMarkup(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  resolveColours(svg, copy);
  const background = chartBackground(svg);
  const [, , w, h] = (svg.getAttribute('viewBox') ?? '0 0 640 260').split(/\s+/).map(Number);
  copy.setAttribute('xmlns', SVG_NS);
  copy.setAttribute('width', String(w));
  copy.setAttribute('height', String(h));
  copy.setAttribute('font-family', 'system-ui, sans-serif');
  copy.querySelectorAll('[data-export="skip"]').forEach((n) => n.remove());
  const bg = copy.ownerDocument.createElementNS(SVG_NS, 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', background);
  copy.insertBefore(bg, copy.firstChild);
  return new XMLSerializer().serializeToString(copy);
}

export function exportSvg(svg: SVGSVGElement, name: string): void {
  downloadBlob(new Blob([svgMarkup(svg)], { type: 'image/svg+xml' }), `${name}.svg`);
}

export async function exportPng(svg: SVGSVGElement, name: string, scale = 2): Promise<void> {
  const markup = svgMarkup(svg);
  const [, , w, h] = (svg.getAttribute('viewBox') ?? '0 0 640 260').split(/\s+/).map(Number);
  const url = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    await new Promise<void>((resolve, reject) => { img.onload = () => resolve(); img.onerror = () => reject(new Error('SVG could not be rasterised')); img.src = url; });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(w * scale);
    canvas.height = Math.round(h * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, w, h);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (blob) downloadBlob(blob, `${name}.png`);
  } finally {
    URL.revokeObjectURL(url);
  }
}
