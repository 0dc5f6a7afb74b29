// The default site read on a phone (360 x 800) and on a desktop (1280 px),
// in French and in Arabic: axe at both widths on every page kind, the
// layout facts of issue 15 (answers on the first screen, no sideways
// scroll at 320 px, chart labels inside their chart), the list's filter
// (live counts, carried to the other language, an empty result), the text
// fixes (404, data dictionary, pager, ranges, addresses in print), page
// weights, and screenshots at both widths of every page kind.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import { serve } from './server.mjs';
import { launch } from './chromium.mjs';
import { ARTIFACTS, AXE_TAGS, DESKTOP, FR, PHONE, SITE, openPage, published, twinOf } from './pages.mjs';

let server;
let browser;
const arabic = {};

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await serve(SITE);
  browser = await launch();
  for (const [name, path] of Object.entries(FR)) arabic[name] = await twinOf(browser, server.origin, path);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const open = (path, options) => openPage(browser, server.origin, path, options);
const both = (name) => [['fr', FR[name]], ['ar', arabic[name]]];
/** Every page kind in both languages, and the 404 page. */
const everyPage = () => [
  ...Object.keys(FR).flatMap((name) => both(name).map(([lang, path]) => [`${name} (${lang})`, path, 200])),
  ['404', '/fr/no-such-page/', 404],
];

/** Where an element's box starts and ends, from the top of the page. */
const box = (page, css) => page.locator(css).first().evaluate((e) => {
  const r = e.getBoundingClientRect();
  return { top: r.top + scrollY, bottom: r.bottom + scrollY, left: r.left, right: r.right };
});

function describeViolations(violations) {
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join('\n  ')}`)
    .join('\n');
}

describe('accessibility: zero axe violations at 360 and 1280 px (WCAG 2.2 A and AA)', () => {
  for (const [width, viewport] of [['360', PHONE], ['1280', DESKTOP]]) {
    test(`every page kind in every language at ${width} px`, async () => {
      const pages = everyPage();
      assert.ok(pages.length > 20, `${pages.length} pages`);
      for (const [name, path, status] of pages) {
        const page = await open(path, { viewport, status });
        const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
        await page.close();
        assert.equal(results.violations.length, 0, `${name} at ${width} px:\n${describeViolations(results.violations)}`);
      }
    });
  }
});

describe('the first screen at 360 x 800 answers the page', () => {
  for (const lang of ['fr', 'ar']) {
    test(`home: three to five headline figures, the first above 600 px (${lang})`, async () => {
      const page = await open(lang === 'fr' ? FR.home : arabic.home, { viewport: PHONE });
      const figure = await box(page, '.headlines .headline-value');
      const count = await page.locator('.headlines > li').count();
      await page.close();
      assert.ok(count >= 3 && count <= 5, `${count} headline figures`);
      assert.ok(figure.top < 600, `first figure at ${figure.top} px`);
    });

    test(`lists: the first item is whole on the first screen (${lang})`, async () => {
      const lists = [['projects', 'ul.records > li .record-title'], ['facet', 'ul.records > li .record-title'], ['news', 'ul.articles > li .card-title']];
      for (const [name, css] of lists) {
        const page = await open(lang === 'fr' ? FR[name] : arabic[name], { viewport: PHONE });
        const first = await box(page, css);
        await page.close();
        assert.ok(first.bottom < PHONE.height, `${name}: first item ends at ${first.bottom} px`);
      }
    });

    test(`the site's title takes at most two lines of the header at 360 px (${lang})`, async () => {
      for (const name of ['home', 'project', 'glossary']) {
        const page = await open(lang === 'fr' ? FR[name] : arabic[name], { viewport: PHONE });
        const title = await page.locator('.brand-name').evaluate((e) => ({
          height: e.getBoundingClientRect().height, line: parseFloat(getComputedStyle(e).lineHeight),
        }));
        const header = await box(page, '.site-header');
        await page.close();
        assert.ok(title.height <= 2 * title.line + 1, `${name}: title ${title.height} px high, lines of ${title.line} px`);
        assert.ok(header.bottom - header.top <= 120, `${name}: header ${header.bottom - header.top} px`);
      }
    });

    test(`project: who, where, what, status and money on the first screen (${lang})`, async () => {
      const page = await open(lang === 'fr' ? FR.project : arabic.project, { viewport: PHONE });
      const facts = await page.locator('.fact-list > div').count();
      const last = await box(page, '.fact-list > div:last-child');
      const money = await page.locator('.fact-list .fact-money').count();
      const details = await page.locator('.fields dt').allInnerTexts();
      const shown = await page.locator('.fact-list dt').allInnerTexts();
      await page.close();
      assert.ok(facts >= 5 && money >= 1, `${facts} facts, ${money} amounts`);
      assert.ok(last.bottom < PHONE.height, `the facts end at ${last.bottom} px`);
      const repeated = shown.filter((label) => details.includes(label));
      assert.deepEqual(repeated, [], 'no fact is repeated in the full table');
    });
  }

  test('the header is one compact row; its menu opens without a script', async () => {
    for (const path of [FR.home, arabic.home]) {
      const page = await open(path, { viewport: PHONE });
      const header = await box(page, '.site-header');
      const link = page.locator('nav.main-nav a').nth(1);
      assert.equal(await link.isVisible(), false, `${path}: the menu starts closed`);
      // Structured data (JSON-LD) is a script element that runs nothing.
      const scripts = page.locator('script:not([type="application/ld+json"])');
      assert.equal(await scripts.count(), 0, `${path} has no script`);
      await page.locator('details.menu > summary').click();
      assert.equal(await link.isVisible(), true, `${path}: one tap opens it`);
      await page.close();
      assert.ok(header.bottom - header.top <= 170, `${path}: header ${header.bottom - header.top} px`);
    }
  });

  test('on a desktop the navigation is a row, with no menu button', async () => {
    const page = await open(FR.home, { viewport: DESKTOP });
    const visible = await page.locator('nav.main-nav a').evaluateAll((links) => links.filter((a) => a.offsetParent).length);
    const summary = await page.locator('details.menu > summary').isVisible();
    await page.close();
    assert.ok(visible >= 5, `${visible} links shown`);
    assert.equal(summary, false);
  });

  test('the sample notice is full on home and open data, one line elsewhere', async () => {
    for (const lang of ['fr', 'ar']) {
      const at = (name) => (lang === 'fr' ? FR[name] : arabic[name]);
      for (const name of ['home', 'openData']) {
        const page = await open(at(name), { viewport: PHONE });
        assert.equal(await page.locator('#sample-data').count(), 1, `${name} (${lang}) has the full notice`);
        await page.close();
      }
      for (const name of ['projects', 'project', 'results']) {
        const page = await open(at(name), { viewport: PHONE });
        const notice = await box(page, '.notice-short');
        const href = await page.locator('.notice-short a').getAttribute('href');
        await page.close();
        assert.ok(notice.bottom - notice.top < 50, `${name} (${lang}): notice ${notice.bottom - notice.top} px`);
        assert.match(href, /#sample-data$/);
      }
    }
  });
});

describe('charts and tables fit', () => {
  test('no page scrolls sideways on a 320 px screen (400% zoom)', async () => {
    const pages = everyPage();
    for (const [name, path, status] of pages) {
      const page = await open(path, { viewport: { width: 320, height: 640 }, status });
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      await page.close();
      assert.ok(wide <= 320, `${name}: ${wide}px wide`);
    }
  });

  test('every bar label lies inside its chart, at 320 px and 1280 px', async () => {
    for (const viewport of [{ width: 320, height: 640 }, DESKTOP]) {
      for (const path of [FR.home, arabic.home, FR.results, arabic.results]) {
        const page = await open(path, { viewport });
        const outside = await page.locator('.bars').evaluateAll((charts) => charts.flatMap((chart) => {
          const c = chart.getBoundingClientRect();
          return [...chart.querySelectorAll('.bar-label, .bar-value')]
            .map((label) => {
              // The text's own extent, not its box: overflowing text pokes out of a box that fits.
              const range = document.createRange();
              range.selectNodeContents(label);
              return [label.textContent, range.getBoundingClientRect()];
            })
            .filter(([, r]) => r.left < c.left - 0.5 || r.right > c.right + 0.5 || r.width === 0)
            .map(([text]) => text);
        }));
        const labels = await page.locator('.bars .bar-label').count();
        await page.close();
        assert.ok(labels > 3, `${path}: ${labels} labels`);
        assert.deepEqual(outside, [], `${path} at ${viewport.width} px`);
      }
    }
  });

  test('bars are sorted by value, largest first', async () => {
    const page = await open(FR.home);
    const widths = await page.locator('#chart-by-sector .bar.s0').evaluateAll((bars) => bars.map((b) => b.getBoundingClientRect().width));
    await page.close();
    assert.ok(widths.length > 3);
    assert.deepEqual(widths, [...widths].sort((a, b) => b - a));
  });

  test('a table wider than the phone is a labelled region the keyboard can scroll', async () => {
    for (const path of [FR.openData, arabic.openData, FR.home, arabic.home]) {
      const page = await open(path, { viewport: PHONE });
      const regions = await page.locator('.table-scroll').evaluateAll((all) => all.map((r) => ({
        tab: r.tabIndex,
        role: r.getAttribute('role'),
        name: r.getAttribute('aria-label') || document.getElementById(r.getAttribute('aria-labelledby'))?.textContent,
      })));
      await page.close();
      assert.ok(regions.length > 0, path);
      for (const r of regions) assert.deepEqual([r.tab, r.role, Boolean(r.name)], [0, 'region', true], `${path}: ${JSON.stringify(r)}`);
    }
  });

  test('the indicators table reflows on a phone: one card per indicator', async () => {
    const page = await open(FR.results, { viewport: PHONE });
    const table = await box(page, 'table.indicators');
    const label = await page.locator('table.indicators td').first().evaluate((td) => getComputedStyle(td, '::before').content);
    await page.close();
    assert.ok(table.right <= PHONE.width, `table ends at ${table.right} px`);
    assert.match(label, /Cible/);
  });
});

describe('the filter on the projects list', () => {
  async function ready(path) {
    const page = await open(path, { viewport: PHONE });
    await page.waitForSelector('form.filter[data-ready]', { state: 'attached' });
    await page.locator('details.browse > summary').click();
    return page;
  }
  const optionCount = (page, facet, value) => page.locator(`select[name="${facet}"] option[value="${value}"]`)
    .innerText().then((text) => Number(text.match(/\((\d+)\)$/)[1]));

  test('the options count what the other chosen facets leave', async () => {
    const index = JSON.parse(readFileSync(join(SITE, published('fr/projets/index.json')), 'utf8'));
    const page = await ready(FR.projects);
    const facets = await page.locator('select[data-facet]').evaluateAll((s) => s.map((x) => x.name));
    const [province, status] = [facets.indexOf('province'), facets.indexOf('status')];
    const expected = index.filter((r) => r.f[province] === 'tetouan' && r.f[status] === 'acheve').length;
    const before = await optionCount(page, 'status', 'acheve');
    await page.selectOption('select[name="province"]', 'tetouan');
    await page.waitForFunction(() => location.search.includes('province=tetouan'));
    const after = await optionCount(page, 'status', 'acheve');
    await page.close();
    assert.ok(before > expected, `${before} before`);
    assert.equal(after, expected);
  });

  test('switching language keeps the filter', async () => {
    const page = await ready(FR.projects);
    await page.selectOption('select[name="province"]', 'tetouan');
    const count = await page.locator('ul.records > li').count();
    await page.locator('nav.language a[hreflang="ar"]').click();
    await page.waitForSelector('form.filter[data-ready]', { state: 'attached' });
    assert.match(new URL(page.url()).search, /province=tetouan/);
    assert.equal(await page.locator('select[name="province"]').inputValue(), 'tetouan');
    await page.waitForFunction((n) => document.querySelectorAll('ul.records > li').length === n, count);
    assert.equal(await page.locator('select[name="province"]').isVisible(), true, 'the filter is shown open');
    await page.close();
  });

  test('an empty result says so and offers to clear the filters', async () => {
    const index = JSON.parse(readFileSync(join(SITE, published('fr/projets/index.json')), 'utf8'));
    const page = await ready(FR.projects);
    const facets = await page.locator('select[data-facet]').evaluateAll((s) => s.map((x) => x.name));
    const values = await page.locator('select[data-facet]').evaluateAll((s) => s.map((x) => [...x.options].map((o) => o.value).filter(Boolean)));
    // Two values of two facets that no project has together.
    let pair;
    for (const a of values[0]) for (const b of values[1]) {
      if (!pair && !index.some((r) => r.f[0] === a && r.f[1] === b)) pair = [a, b];
    }
    assert.ok(pair, 'an empty combination exists');
    const empty = page.locator('#record-empty');
    assert.equal(await empty.isVisible(), false);
    await page.selectOption(`select[name="${facets[0]}"]`, pair[0]);
    await page.selectOption(`select[name="${facets[1]}"]`, pair[1]);
    await empty.waitFor({ state: 'visible' });
    assert.equal(await page.locator('ul.records > li').count(), 0);
    await empty.getByRole('button').click();
    await page.waitForFunction(() => document.querySelectorAll('ul.records > li').length > 0);
    assert.equal(await empty.isVisible(), false);
    await page.close();
  });
});

describe('text', () => {
  test('the 404 page speaks every language, each marked as such', async () => {
    const page = await open('/ar/no-such-page/', { status: 404 });
    const title = await page.locator('h1 [lang]').evaluateAll((spans) => spans.map((s) => [s.lang, s.textContent]));
    const links = await page.locator('.not-found li[lang] a').count();
    await page.close();
    assert.deepEqual(title.map(([lang]) => lang), ['fr', 'ar']);
    assert.match(title[1][1], /[\u0600-\u06ff]/);
    assert.equal(links, 2);
  });

  test('the Arabic data dictionary names its types in Arabic', async () => {
    const page = await open(arabic.openData);
    const types = await page.locator('table.dictionary tbody td:nth-child(2)').allInnerTexts();
    await page.close();
    assert.ok(types.length > 5);
    for (const type of types) assert.doesNotMatch(type, /\b(string|integer|number|date|boolean|year)\b/, type);
  });

  test('the pager draws one box per link', async () => {
    const page = await open(FR.projects);
    const nested = await page.locator('nav.pagination li > * *').evaluateAll((inner) => inner.filter((e) => getComputedStyle(e).borderTopWidth !== '0px').length);
    const boxes = await page.locator('nav.pagination li > *').count();
    await page.close();
    assert.ok(boxes > 1);
    assert.equal(nested, 0);
  });

  test('a page with one project says "projet 21", not "projets 21 à 21"', () => {
    const counts = [];
    const walk = (dir) => readdirSync(dir, { withFileTypes: true }).forEach((e) => {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (e.name === 'index.html') {
        const count = readFileSync(path, 'utf8').match(/id="record-count"[^>]*>([^<]*)</);
        if (count) counts.push([path, count[1]]);
      }
    });
    walk(join(SITE, 'fr'));
    assert.ok(counts.length > 10);
    const single = counts.filter(([, text]) => /projet \d+$/.test(text));
    assert.ok(single.length > 0, 'the default site has a last page of one project');
    for (const [path, text] of counts) assert.doesNotMatch(text, /(\d+) à \1\b/, path);
  });

  test('the printed Arabic fact sheet keeps its address left to right', async () => {
    const page = await open(arabic.project);
    await page.emulateMedia({ media: 'print' });
    const source = await page.locator('.print-only bdi[dir="ltr"]').evaluate((b) => ({
      text: b.textContent, direction: getComputedStyle(b).direction, visible: b.offsetParent !== null,
    }));
    await page.close();
    assert.equal(source.direction, 'ltr');
    assert.equal(source.visible, true);
    assert.match(source.text, /^https?:\/\/.*\/$/);
  });
});

describe('weights', () => {
  test('a project page under 10 KB gzipped; CSS and JS at most twice their size before issue 15', () => {
    const size = (path) => readFileSync(join(SITE, path)).length;
    const project = gzipSync(readFileSync(join(SITE, 'fr/projets/tta-2023-001/index.html'))).length;
    assert.ok(project < 10 * 1024, `project page: ${project} bytes gzipped`);
    // Before: site.css 18,136 bytes, site.js 13,634 bytes.
    assert.ok(size(published('css/site.css')) <= 2 * 18136, 'CSS');
    assert.ok(size(published('js/site.js')) <= 2 * 13634, 'script');
  });
});

describe('screenshots at 360 and 1280 px', () => {
  test('every page kind in both languages', async () => {
    const pages = everyPage();
    for (const [name, path, status] of pages) {
      for (const [suffix, viewport] of [['360', PHONE], ['1280', DESKTOP]]) {
        const page = await open(path, { viewport, status });
        const file = `${name.replace(/[ ()]+/g, '-').replace(/-$/, '')}-${suffix}.png`;
        await page.screenshot({ path: join(ARTIFACTS, file), fullPage: true });
        await page.close();
      }
    }
  });
});
