// The default site in Chromium: accessibility (axe, WCAG 2.2 A and AA),
// right-to-left layout, the language switcher, the script's filter and
// search, print, reflow, no third-party request, and screenshots.
//
// SITE is the built site to check (default: public/). Screenshots go to
// tests/browser/artifacts/ (git-ignored).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from './server.mjs';
import { launch } from './chromium.mjs';
import { ARTIFACTS, FR, ROOT, SITE, openPage, published, twinOf } from './pages.mjs';

let server;
let browser;
const requests = [];
const arabic = {};

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await serve(SITE);
  browser = await launch();
  browser.context.on('request', (request) => requests.push(request.url()));
  for (const [name, path] of Object.entries(FR)) arabic[name] = await twinOf(browser, server.origin, path);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const open = (path, options) => openPage(browser, server.origin, path, options);

describe('right to left', () => {
  test('Arabic pages compute direction rtl, French pages ltr', async () => {
    for (const name of Object.keys(FR)) {
      for (const [path, expected] of [[FR[name], 'ltr'], [arabic[name], 'rtl']]) {
        const page = await open(path);
        const dir = await page.evaluate(() => getComputedStyle(document.documentElement).direction);
        await page.close();
        assert.equal(dir, expected, path);
      }
    }
  });

  test('the navigation starts on the right in Arabic and on the left in French', async () => {
    for (const [path, rtl] of [[FR.home, false], [arabic.home, true]]) {
      const page = await open(path);
      const boxes = await page.locator('nav.main-nav li').evaluateAll((items) =>
        items.map((li) => li.getBoundingClientRect()).map((r) => ({ left: r.left, right: r.right, top: r.top })));
      const list = await page.locator('nav.main-nav ul').boundingBox();
      await page.close();
      const [first, second] = boxes;
      assert.equal(first.top, second.top, 'the first two items share a line');
      if (rtl) {
        assert.ok(first.left > second.left, `${path}: the first item is right of the second`);
        assert.ok(Math.abs(first.right - (list.x + list.width)) < 2, `${path}: the first item touches the right edge`);
      } else {
        assert.ok(first.left < second.left, `${path}: the first item is left of the second`);
        assert.ok(Math.abs(first.left - list.x) < 2, `${path}: the first item touches the left edge`);
      }
    }
  });

  test('chart bars grow from the right in Arabic and from the left in French', async () => {
    for (const [path, rtl] of [[FR.home, false], [arabic.home, true]]) {
      const page = await open(path);
      const svg = await page.locator('.bars .bar-track').first().boundingBox();
      const bar = await page.locator('.bars .bar').first().boundingBox();
      await page.close();
      if (rtl) assert.ok(Math.abs(bar.x + bar.width - (svg.x + svg.width)) < 1, `${path}: bar ends at the right edge`);
      else assert.ok(Math.abs(bar.x - svg.x) < 1, `${path}: bar starts at the left edge`);
    }
  });
});

// The provinces as the CSV names them: [French, Arabic].
function provinces() {
  const csv = readFileSync(join(ROOT, 'data', 'provinces.csv'), 'utf8');
  return csv.trim().split('\n').slice(1).map((line) => line.split(',').slice(2));
}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('map', () => {
  for (const [lang, column] of [['fr', 0], ['ar', 1]]) {
    for (const name of ['home', 'provinces']) {
      test(`each province is a link named by its name and amount, to its page (${name}, ${lang})`, async () => {
        const path = lang === 'fr' ? FR[name] : arabic[name];
        const names = provinces().map((p) => p[column]);
        assert.equal(names.length, 8);
        const page = await open(path);
        const map = page.locator('figure.map svg');
        assert.equal(await map.getByRole('link').count(), names.length);
        for (const province of names) {
          // The browser's accessible name: the province, then a number.
          const link = map.getByRole('link', { name: new RegExp(`^${escape(province)} ?: [0-9]`) });
          assert.equal(await link.count(), 1, `${path}: ${province}`);
        }
        await map.getByRole('link', { name: new RegExp(`^${escape(names[0])}`) }).click();
        await page.waitForLoadState('load');
        assert.equal((await page.locator('h1').textContent()).trim(), names[0]);
        await page.close();
      });
    }

    test(`the keyboard reaches every region in turn, with a visible focus (${lang})`, async () => {
      const page = await open(lang === 'fr' ? FR.home : arabic.home);
      const regions = await page.locator('figure.map svg a').count();
      assert.ok(regions > 0);
      let inside = false;
      for (let i = 0; i < 60 && !inside; i++) {
        await page.keyboard.press('Tab');
        inside = await page.evaluate(() => document.activeElement?.closest('svg.choropleth') !== null);
      }
      assert.ok(inside, 'Tab reaches the map');
      const visited = [];
      for (let i = 0; i < regions; i++) {
        const focus = await page.evaluate(() => {
          const path = document.activeElement.querySelector('path');
          const style = getComputedStyle(path);
          return { label: document.activeElement.getAttribute('aria-label'), stroke: style.stroke, width: style.strokeWidth };
        });
        assert.equal(focus.stroke, 'rgb(179, 84, 30)', `focused region ${focus.label} is outlined in orange`);
        assert.equal(focus.width, '4px');
        visited.push(focus.label);
        await page.keyboard.press('Tab');
      }
      await page.close();
      assert.equal(new Set(visited).size, regions, visited.join(' | '));
    });
  }

  test('the map is never mirrored; its legend follows the reading direction', async () => {
    for (const [path, rtl] of [[FR.home, false], [arabic.home, true]]) {
      const page = await open(path);
      const box = async (css) => page.locator(css).first().boundingBox();
      const links = page.locator('figure.map svg a');
      const west = await links.and(page.locator('[href$="/larache/"]')).boundingBox();
      const east = await links.and(page.locator('[href$="/al-hoceima/"]')).boundingBox();
      const svg = await box('figure.map svg');
      const legend = await box('figure.map .map-key');
      await page.close();
      assert.ok(east.x > west.x + west.width, `${path}: Al Hoceima is east of Larache`);
      if (rtl) assert.ok(legend.x < svg.x, `${path}: the legend is left of the map`);
      else assert.ok(legend.x > svg.x, `${path}: the legend is right of the map`);
    }
  });

  test('each commune with projects is a circle named by its name and count, to its page', async () => {
    const csv = readFileSync(join(ROOT, 'data', 'projects.csv'), 'utf8');
    const column = csv.split('\n')[0].split(',').indexOf('commune');
    assert.ok(column > 0, 'projects.csv has a commune column');
    const counts = new Map();
    for (const line of csv.trim().split('\n').slice(1)) {
      const id = line.split(',')[column];
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    assert.ok(counts.size > 40, `${counts.size} communes`);
    const [busiest, most] = [...counts].sort((a, b) => b[1] - a[1])[0];
    for (const path of [FR.communes, arabic.communes]) {
      const page = await open(path);
      const circles = page.locator('figure.map svg.points a');
      assert.equal(await circles.count(), counts.size, path);
      const names = await circles.evaluateAll((links) => links.map((a) => a.getAttribute('aria-label')));
      for (const name of names) assert.match(name, /^\S.* ?: [0-9]/, `${path}: ${name}`);
      const link = circles.and(page.locator(`[href$="/${busiest}/"]`));
      assert.match(await link.getAttribute('aria-label'), new RegExp(`: ${most}$`));
      const drawn = await link.locator('circle').getAttribute('r');
      const radii = await page.locator('svg.points circle').evaluateAll((cs) => cs.map((c) => Number(c.getAttribute('r'))));
      assert.equal(Number(drawn), Math.max(...radii), 'the busiest commune has the largest circle');
      await link.click();
      await page.waitForLoadState('load');
      assert.ok(new URL(page.url()).pathname.endsWith(`/${busiest}/`));
      await page.close();
    }
  });

  test('the map prints in its colours', async () => {
    const page = await open(FR.home);
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate(() => {
      const svg = document.querySelector('figure.map svg');
      const rect = svg.getBoundingClientRect();
      return { adjust: getComputedStyle(svg).printColorAdjust, width: rect.width };
    });
    await page.close();
    assert.equal(printed.adjust, 'exact');
    assert.ok(printed.width > 200, `drawn ${printed.width} px wide`);
  });
});

describe('language switcher', () => {
  test('goes to the same page in the other language and back', async () => {
    for (const path of Object.values(FR)) {
      const page = await open(path);
      await page.locator('nav.language a[hreflang="ar"]').click();
      await page.waitForLoadState('load');
      const there = new URL(page.url());
      assert.equal(await page.getAttribute('html', 'lang'), 'ar', `${path} → ${there.pathname}`);
      await page.locator('nav.language a[hreflang="fr"]').click();
      await page.waitForLoadState('load');
      assert.equal(new URL(page.url()).pathname, path, `${path} → ${there.pathname} → back`);
      await page.close();
    }
  });
});

/** The first whole number in a text, ignoring grouping separators. */
function firstNumber(text) {
  const match = text.match(/\d[\d.,\s\u202f]*/);
  return match ? Number(match[0].replace(/[^\d]/g, '')) : 0;
}

describe('script: filter and sort the projects list', () => {
  for (const lang of ['fr', 'ar']) {
    test(`filtering by province agrees with the facet page (${lang})`, async () => {
      const list = lang === 'fr' ? FR.projects : arabic.projects;
      const facet = lang === 'fr' ? FR.facet : arabic.facet;
      const facetPage = await open(facet);
      const expected = firstNumber(await facetPage.locator('#record-count').innerText());
      await facetPage.close();
      assert.ok(expected > 0);

      const page = await open(list);
      await page.waitForSelector('form.filter[data-ready]', { state: 'attached' });
      await page.locator('details.browse > summary').click();
      const before = await page.locator('ul.records > li').count();
      await page.selectOption('select[name="province"]', 'tetouan');
      await page.waitForFunction((n) => document.querySelectorAll('ul.records > li').length === n, expected);
      const count = firstNumber(await page.locator('#record-count').innerText());
      assert.equal(count, expected, 'the count shown');
      assert.ok(expected < before || before === 20, 'the list narrowed');
      assert.equal(await page.locator('nav.pagination').isVisible(), false, 'pagination hidden');
      const meta = await page.locator('ul.records > li .record-meta').allInnerTexts();
      const label = await page.locator('select[name="province"] option[value="tetouan"]').getAttribute('data-label');
      assert.ok(meta.every((m) => m.includes(label)), 'every project shown is in the province');
      await page.close();
    });
  }

  test('two facets at once give their intersection, and sorting orders it', async () => {
    const index = JSON.parse(readFileSync(join(SITE, published('fr/projets/index.json')), 'utf8'));
    const page = await open(FR.projects);
    await page.waitForSelector('form.filter[data-ready]', { state: 'attached' });
    await page.locator('details.browse > summary').click();
    const facets = await page.locator('select[data-facet]').evaluateAll((s) => s.map((x) => x.name));
    const province = facets.indexOf('province');
    const status = facets.indexOf('status');
    const expected = index.filter((r) => r.f[province] === 'tetouan' && r.f[status] === 'acheve');
    await page.selectOption('select[name="province"]', 'tetouan');
    await page.selectOption('select[name="status"]', 'acheve');
    await page.selectOption('select[name="sort"]', '0-desc');
    await page.waitForFunction((n) => document.querySelectorAll('ul.records > li').length === n, expected.length);
    const ids = await page.locator('ul.records .record-id').allInnerTexts();
    const sorted = [...expected].sort((a, b) => Number(b.v[0]) - Number(a.v[0])).map((r) => r.i);
    assert.deepEqual(ids, sorted);
    assert.match(new URL(page.url()).search, /province=tetouan/);
    await page.close();
  });
});

describe('script: search without a server', () => {
  const cases = [
    ['fr', 'economie', 'accents do not matter'],
    ['fr', 'COOPERATIVE', 'case does not matter'],
    ['ar', 'تَعَاوُنِيَّة', 'tashkeel and ta marbuta do not matter'],
    ['ar', 'اقليم', 'alef forms do not matter'],
  ];
  for (const [lang, query, why] of cases) {
    test(`${lang}: "${query}" finds pages (${why})`, async () => {
      const page = await open(lang === 'fr' ? '/fr/recherche/' : '/ar/bahth/');
      await page.waitForSelector('form.search-form[data-ready]');
      await page.fill('#search-q', query);
      await page.waitForSelector('.search-results li', { timeout: 5000 });
      const found = await page.locator('.search-results li').count();
      const status = await page.locator('.search-status').innerText();
      await page.close();
      assert.ok(found > 0, `${query}: ${status}`);
    });
  }
});

describe('print, reflow and requests', () => {
  for (const lang of ['fr', 'ar']) {
    test(`a project page prints on one page (${lang})`, async () => {
      const page = await open(lang === 'fr' ? FR.project : arabic.project);
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      await page.close();
      const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
      assert.equal(pages.length, 1, `${pages.length} pages`);
    });
  }

  test('no request leaves the site', async () => {
    const outside = requests.filter((url) => !url.startsWith(server.origin));
    assert.deepEqual(outside, []);
  });
});
