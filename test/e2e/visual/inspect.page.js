/*
 * Runs inside the page (page.evaluate of this file's text): checks what a person sees and returns a
 * list of problems, each a sentence. Plain JavaScript so no bundler helper leaks into the page.
 *
 * - no sideways page scroll;
 * - text contrast ≥ 4.5:1 (3:1 for large text) and data marks ≥ 3:1 against what is behind them,
 *   from getComputedStyle (WCAG relative luminance; semi-transparent layers blended);
 * - every drawn series inside its plot area, not collapsed onto the top edge; bars spread;
 * - every axis has tick labels, bottom-axis labels do not overlap, chart text stays inside its SVG
 *   and off the chart's toolbar buttons; no "Rescale (data off axes)" on a page just opened;
 * - toolbar controls and chart tabs on screen, the tabs on one row.
 */
(() => {
  const problems = [];
  const stats = { texts: 0, marks: 0, series: 0, axes: 0, charts: 0 };
  const parse = (c) => {
    const m = /rgba?\(([^)]+)\)/.exec(c || '');
    if (!m) return null;
    const p = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const over = (fg, bg) => { const a = fg[3]; return [0, 1, 2].map((i) => fg[i] * a + bg[i] * (1 - a)).concat(1); };
  const opacityOf = (el) => { let o = 1; for (let e = el; e && e.nodeType === 1; e = e.parentElement) o *= Number(getComputedStyle(e).opacity); return o; };
  const canvas = () => parse(getComputedStyle(document.documentElement).backgroundColor) || [255, 255, 255, 1];
  const bgOf = (el) => {
    const chain = [];
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) chain.push(e);
    let bg = canvas();
    if (bg[3] < 1) bg = over(bg, [255, 255, 255, 1]);
    for (const e of chain.reverse()) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) bg = over(c, bg);
    }
    return bg;
  };
  const hidden = (el) => {
    if (el.closest('.visually-hidden, [hidden], template, option, select, datalist')) return true;
    const s = getComputedStyle(el);
    if (s.visibility === 'hidden' || s.display === 'none') return true;
    const r = el.getBoundingClientRect();
    return r.width < 2 || r.height < 2;
  };
  const name = (el) => {
    const t = (el.textContent || el.value || '').trim().replace(/\s+/g, ' ').slice(0, 40);
    const id = el.closest('[data-testid]');
    return `<${el.tagName.toLowerCase()}> "${t}"${id ? ` in ${id.getAttribute('data-testid')}` : ''}`;
  };

  // 1. No sideways scroll.
  const sw = document.documentElement.scrollWidth;
  if (sw > innerWidth + 1) problems.push(`page scrolls sideways: ${sw}px wide in a ${innerWidth}px window`);

  // 2. Text contrast.
  const textEls = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.textContent.trim() && n.parentElement) textEls.add(n.parentElement);
  for (const el of document.querySelectorAll('input:not([type=checkbox]):not([type=radio]):not([type=range]):not([type=file]), textarea, select')) textEls.add(el);
  for (const el of textEls) {
    if (hidden(el) || el.closest(':disabled, [aria-disabled="true"], title, style, script, noscript')) continue;
    if (el.matches('input, textarea, select') && el.disabled) continue;
    const svgText = el instanceof SVGElement;
    const s = getComputedStyle(el);
    let fg = parse(svgText ? s.fill : s.color);
    if (!fg) continue;
    const bg = bgOf(el);
    fg = over([fg[0], fg[1], fg[2], fg[3] * opacityOf(el)], bg);
    const size = parseFloat(s.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(s.fontWeight) >= 700);
    const need = large ? 3 : 4.5;
    const r = ratio(fg, bg);
    stats.texts++;
    if (r < need - 0.005) problems.push(`text contrast ${r.toFixed(2)}:1 < ${need}:1: ${name(el)} (${svgText ? s.fill : s.color} on rgb(${bg.slice(0, 3).map(Math.round)}))`);
  }

  // 3. Charts.
  const SERIES = [
    '[data-testid="plot.per-sample.bar-shape"]', '[data-testid="plot.per-sample.bars"]', '[data-testid="plot.gradient.loss"]', '[data-testid="plot.gradient.grad"]',
    '[data-testid$="-sweep.line"]', '[data-testid$="-sweep.reduced"]', '[data-testid="plot.ctc.path"]', '[data-testid="plot.ctc.occupancy"]', '[data-testid="plot.nonfinite"]',
    '[data-testid="plot.gradient.current"]', '[data-testid="plot.per-sample.bar"] circle',
    '[data-testid="plot.training-loss.line"]', '[data-testid="plot.training-loss.compare"]', '[data-testid="plot.training-prob.line"]',
    '[data-testid="plot.training-prob.compare"]', '[data-testid="plot.training-prob.mean"]', '[data-testid="plot.training-prob.mean-compare"]',
  ].join(',');
  for (const svg of document.querySelectorAll('figure.chart svg[role="img"]')) {
    stats.charts++;
    const chart = svg.getAttribute('data-testid');
    const overlay = svg.querySelector('[data-testid$=".overlay"]');
    if (!overlay) { problems.push(`${chart}: no plot area`); continue; }
    const [px, py, pw, ph] = ['x', 'y', 'width', 'height'].map((a) => Number(overlay.getAttribute(a)));
    const bg = bgOf(svg);
    const drawn = [...svg.querySelectorAll(SERIES)].filter((el) => !(el.tagName === 'path' && !(el.getAttribute('d') || '').trim()));
    if (!drawn.length) problems.push(`${chart}: no series drawn`);
    for (const el of drawn) {
      stats.series++;
      // A dot is placed by its centre (a value of 0 sits on the axis line).
      const bb = el.getBBox();
      const b = el.tagName === 'circle' ? { x: bb.x + bb.width / 2, y: bb.y + bb.height / 2, width: 0, height: 0 } : bb;
      const what = `${chart} ${el.getAttribute('data-testid') || el.tagName}${el.getAttribute('data-sample') ? ` sample ${el.getAttribute('data-sample')}` : ''}`;
      if (b.x < px - 1.5 || b.y < py - 1.5 || b.x + b.width > px + pw + 1.5 || b.y + b.height > py + ph + 1.5) {
        problems.push(`${what} outside its plot area: [${[b.x, b.y, b.x + b.width, b.y + b.height].map(Math.round)}] vs [${[px, py, px + pw, py + ph].map(Math.round)}]`);
      }
      if (el.tagName === 'path' && b.width > 4 && b.height < 0.5 && Math.abs(b.y - py) < 1) problems.push(`${what} collapsed onto the top edge of its plot`);
      // Mark contrast against the chart's background (dimmed marks, e.g. weight 0, are meant to recede).
      if (opacityOf(el) < 0.9 || (el.tagName === 'g' && !el.matches('[data-testid="plot.nonfinite"]'))) continue;
      const s = getComputedStyle(el);
      const paint = s.stroke && s.stroke !== 'none' && el.tagName === 'path' && s.fill === 'none' ? s.stroke : s.fill !== 'none' ? s.fill : s.stroke;
      const c = parse(paint);
      if (!c) continue;
      stats.marks++;
      const r = ratio(over(c, bg), bg);
      if (r < 2.995) problems.push(`${what}: mark contrast ${r.toFixed(2)}:1 < 3:1 (${paint} on rgb(${bg.slice(0, 3).map(Math.round)}))`);
    }
    const bars = svg.querySelectorAll('[data-testid="plot.per-sample.bar"]');
    if (bars.length >= 2) {
      const xs = [...bars].map((g) => g.getBBox()).filter((b) => b.width > 0);
      const span = Math.max(...xs.map((b) => b.x + b.width)) - Math.min(...xs.map((b) => b.x));
      if (xs.length >= 2 && span < pw * 0.5) problems.push(`${chart}: ${bars.length} bars bunched into ${Math.round(span)} of ${Math.round(pw)}px`);
    }
    for (const axis of svg.querySelectorAll('g.axis')) {
      stats.axes++;
      const ticks = [...axis.querySelectorAll(':scope > g > text')].filter((t) => t.textContent.trim());
      const vertical = axis.classList.contains('axis-left') || axis.classList.contains('axis-right');
      const title = axis.querySelector(':scope > text')?.textContent || '';
      if (ticks.length < (vertical && !/state|class/.test(title) ? 2 : 1)) problems.push(`${chart}: axis "${title}" has ${ticks.length} tick labels`);
      if (!vertical) {
        const rs = ticks.map((t) => t.getBoundingClientRect()).sort((a, b) => a.left - b.left);
        for (let i = 1; i < rs.length; i++) if (rs[i].left < rs[i - 1].right - 0.5) { problems.push(`${chart}: tick labels of "${title}" overlap`); break; }
      }
    }
    // Text over a drawn bar reads against the bar, not the panel: it needs a halo in the background colour.
    const shapes = [...svg.querySelectorAll('[data-testid="plot.per-sample.bar-shape"]')].map((b) => b.getBoundingClientRect());
    for (const t of svg.querySelectorAll('text')) {
      if (!t.textContent.trim() || t.closest('.legend, .axis')) continue;
      const r = t.getBoundingClientRect();
      const inset = (b) => r.left < b.right - 1 && r.right > b.left + 1 && r.top < b.bottom - 1 && r.bottom > b.top + 1;
      if (!shapes.some(inset)) continue;
      const s = getComputedStyle(t);
      const halo = parse(s.stroke);
      const ok = s.paintOrder.startsWith('stroke') && parseFloat(s.strokeWidth) >= 2 && halo && ratio(over(parse(s.fill), bg), halo) >= 4.5;
      if (!ok) problems.push(`${chart}: text "${t.textContent.slice(0, 30)}" lies over a bar without a readable halo`);
    }
    const box = svg.getBoundingClientRect();
    const buttons = [...(svg.closest('figure')?.querySelectorAll('figcaption button, figcaption select, figcaption input') || [])].map((b) => b.getBoundingClientRect());
    for (const t of svg.querySelectorAll('text')) {
      if (!t.textContent.trim()) continue;
      const r = t.getBoundingClientRect();
      if (r.left < box.left - 2 || r.right > box.right + 2 || r.top < box.top - 2 || r.bottom > box.bottom + 2) problems.push(`${chart}: text "${t.textContent.slice(0, 30)}" sticks out of the chart`);
      if (buttons.some((b) => r.left < b.right && r.right > b.left && r.top < b.bottom && r.bottom > b.top)) problems.push(`${chart}: text "${t.textContent.slice(0, 30)}" lies over a toolbar control`);
    }
    if (/ (d|x|y|cx|cy|x1|x2|y1|y2|width|height|transform)="[^"]*(NaN|undefined)/.test(svg.outerHTML)) problems.push(`${chart}: an attribute holds NaN or undefined`);
  }
  // Messages name cells as a person reads them (y_pred[0, 0]), not as flat offsets.
  if (/row-major order/.test(document.body.innerText)) problems.push('a message names a flat entry "in row-major order" instead of its cell');
  // A page just opened has not moved its data: fixed axes must already fit it.
  for (const b of document.querySelectorAll('[data-testid$=".rescale"]')) if (/off axes/.test(b.textContent)) problems.push(`${b.getAttribute('data-testid')} says "${b.textContent}" on a page just opened`);
  for (const bar of document.querySelectorAll('figure.chart figcaption, [role="tablist"]')) {
    const r = bar.getBoundingClientRect();
    for (const c of bar.querySelectorAll('button, select, input')) {
      const b = c.getBoundingClientRect();
      if (b.width && (b.right > innerWidth + 1 || b.left < -1)) problems.push(`${name(c)} is off screen (${Math.round(b.left)}–${Math.round(b.right)}px)`);
      if (bar.matches('[role="tablist"]') && b.top > r.top + 4) problems.push(`chart tabs wrap onto a second row`);
    }
  }
  return { problems: [...new Set(problems)], stats };
})();
