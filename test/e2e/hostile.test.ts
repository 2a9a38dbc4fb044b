/**
 * Hostile names are only text: runs, tags, notes, hyperparameter keys and values, and a metric
 * written as HTML, SVG, `javascript:` links, formulas, a 10,000-character name and a right-to-left
 * override (test/fixtures/hostile/) are shown, hovered and exported in every view without running,
 * without adding an element, without breaking the layout around them, and without a spreadsheet
 * formula in a CSV or live markup in Markdown.
 */

import { readFileSync } from 'node:fs';
import { csvParseRows } from 'd3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, type OpenPage } from './browser';
import { tourEveryView, type Tour } from './tour';

const HOSTILE = 'test/fixtures/hostile';
const FILES = [`${HOSTILE}/runs_table_export.csv`, `${HOSTILE}/metrics.csv`];
const [, ...runRows] = csvParseRows(readFileSync(FILES[0], 'utf8'));
const NAMES = runRows.map((r) => r[0]);
const LONG = NAMES.find((n) => n.length === 10_000) ?? '';
const RLO = '\u202e';
const PWN = 'window.__pwned=1';

let open: OpenPage;
let tour: Tour;
beforeAll(async () => {
  open = await openPage('?debug');
  await open.page.setInputFiles('[data-testid=file-input]', FILES);
  await open.page.waitForFunction(
    () =>
      document.querySelector('main')?.dataset.busy === 'false' &&
      document.querySelectorAll('[data-testid=file][data-status=loaded]').length === 2,
    null,
    { timeout: 60_000 },
  );
});
afterAll(async () => open?.close());

/** Everything on the page that data could have turned into markup or script. */
const injected = () =>
  open.page.evaluate(() => {
    const found: string[] = [];
    if ('__pwned' in window) found.push('window.__pwned is set');
    for (const el of document.querySelectorAll('*')) {
      for (const a of el.attributes)
        if (
          /^on/i.test(a.name) ||
          (/__pwned/.test(a.value) && /^(href|src|xlink:href|action|formaction)$/i.test(a.name))
        )
          found.push(`<${el.localName} ${a.name}="${a.value.slice(0, 60)}">`);
      if (el.matches('img[src="x"], script:not([src]), iframe, object, embed, foreignObject'))
        found.push(`<${el.localName}>`);
      if (el.matches('a[href]')) {
        const href = (el as HTMLAnchorElement).href;
        if (!/^(https?|blob):/.test(href)) found.push(`<a href="${href.slice(0, 60)}">`);
      }
    }
    return found;
  });

describe('hostile names', () => {
  it('load as the runs they name, every character kept', async () => {
    const shown = await open.page.$$eval('[data-testid=run-row] [data-col=name]', (ths) =>
      ths.map((th) => th.getAttribute('title')),
    );
    expect([...shown].sort()).toEqual([...NAMES].sort());
    expect(await injected()).toEqual([]);
  });

  it('run nothing and add no element in any view, hovered and exported', async () => {
    tour = await tourEveryView(open);
    expect(tour.shown).toEqual(
      expect.arrayContaining(['curve readout', 'parallel coordinates run name', 'scatter tooltip']),
    );
    expect(await injected()).toEqual([]);
    expect(await open.cspViolations()).toEqual([]);
    expect(open.errors).toEqual([]);
  });

  it('shorten a very long name on screen, with the whole name a hover away', async () => {
    const { page } = open;
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      1280,
    );
    const long = await page.evaluate(
      (prefix) => {
        const out: { tag: string; lines: number; cut: boolean; title: string | null }[] = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const el = n.parentElement;
          const text = n.textContent ?? '';
          if (!el || !text.includes(prefix) || el.closest('textarea, option, title')) continue;
          const range = document.createRange();
          range.selectNodeContents(n);
          const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
          if (lines === 0) continue;
          out.push({
            tag: `${el.parentElement?.localName}.${el.parentElement?.getAttribute('class')} > ${el.localName}`,
            lines,
            // Cut in the text itself, or by CSS (overflow).
            cut: text.length < 10_000 || el.scrollWidth > el.clientWidth + 1,
            // An HTML title attribute, or an SVG <title> child.
            title:
              el.closest('[title]')?.getAttribute('title') ??
              el.querySelector(':scope > title')?.textContent ??
              null,
          });
        }
        return out;
      },
      LONG.slice(0, 40),
    );
    expect(long.length).toBeGreaterThan(3);
    for (const l of long) {
      expect(l.lines, l.tag).toBeLessThanOrEqual(3);
      expect(l.cut, l.tag).toBe(true);
      expect(l.title, l.tag).toContain(LONG);
    }
  });

  it('keep a right-to-left override inside the name, not reordering the text around it', async () => {
    const leaks = await open.page.evaluate((rlo) => {
      const isolating = new Set(['isolate', 'isolate-override', 'plaintext']);
      const out: string[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const text = n.textContent ?? '';
        // A tooltip's text is laid out on its own.
        if (!text.includes(rlo) || n.parentElement?.closest('title')) continue;
        // Isolated in the text itself: FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE.
        if (/\u2068[^\u2069]*\u202e[^\u2069]*\u2069/.test(text)) continue;
        let el = n.parentElement;
        while (el) {
          const style = getComputedStyle(el);
          if (isolating.has(style.unicodeBidi)) break;
          // A new paragraph: the override ends with it, so only the name may be in it.
          if (!['inline', 'contents'].includes(style.display) || el.localName === 'text') {
            const shown = [...el.childNodes]
              .filter((c) => !(c instanceof Element && c.localName === 'title'))
              .map((c) => c.textContent)
              .join('')
              .trim();
            if (shown !== text.trim()) out.push(`<${el.localName}>${shown.slice(0, 80)}`);
            break;
          }
          el = el.parentElement;
        }
      }
      return out;
    }, RLO);
    expect(leaks).toEqual([]);
  });

  it('are written into CSV exports with no cell a spreadsheet would run', async () => {
    const csvs = [...tour.downloads].filter(([name]) => name.endsWith('.csv'));
    expect(csvs.length).toBeGreaterThanOrEqual(3);
    const number = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
    const all: string[] = [];
    for (const [name, text] of csvs) {
      const cells = csvParseRows(text).flat();
      all.push(...cells);
      for (const cell of cells)
        if (/^[=+\-@\t\r]/.test(cell)) expect(number.test(cell), `${name}: ${cell}`).toBe(true);
    }
    // Neutralized, not dropped: the same text behind a quote.
    expect(all).toContain(`'=HYPERLINK("http://example.invalid/?leak","click me")`);
    expect(all).toContain(`<img src=x onerror=${PWN}>`);
  });

  it('are escaped in Markdown, so no renderer makes markup or a link of them', () => {
    for (const [view, md] of Object.entries(tour.markdown)) {
      expect(md, view).not.toMatch(/(?<!\\)[<[]/);
      expect(md, view).toContain('\\<img src=x onerror=window.\\_\\_pwned=1\\>');
    }
  });

  it('stay text in SVG exports', async () => {
    const svgs = [...tour.downloads].filter(([name]) => name.endsWith('.svg'));
    expect(svgs.length).toBeGreaterThanOrEqual(2);
    for (const [name, text] of svgs) {
      const found = await open.page.evaluate((svg) => {
        const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
        if (doc.querySelector('parsererror')) return ['not well-formed'];
        const bad: string[] = [];
        for (const el of doc.querySelectorAll('*')) {
          if (['script', 'foreignObject', 'image', 'a', 'img'].includes(el.localName))
            bad.push(el.localName);
          for (const a of el.attributes) if (/^on/i.test(a.name)) bad.push(a.name);
        }
        return bad;
      }, text);
      expect(found, name).toEqual([]);
    }
    expect(svgs.some(([, text]) => text.includes('&lt;svg onload='))).toBe(true);
  });

  it('travel in a shared link as text, and a page opened from it shows them inertly', async () => {
    const hash = await open.page.evaluate(() => location.hash);
    expect(hash).toMatch(/^#s=[A-Za-z0-9_-]+$/);
    const fresh = await openPage(hash);
    try {
      await fresh.page.waitForSelector('[data-testid=link-missing], [data-testid=link-problem]');
      const text = await fresh.page.textContent('main');
      expect(text).toMatch(/runs_table_export\.csv|too long|not loaded/);
      expect(
        await fresh.page.evaluate(() => ({
          pwned: '__pwned' in window,
          img: document.querySelectorAll('img[src="x"]').length,
        })),
      ).toEqual({ pwned: false, img: 0 });
      expect(fresh.errors).toEqual([]);
    } finally {
      await fresh.close();
    }
  });
});
