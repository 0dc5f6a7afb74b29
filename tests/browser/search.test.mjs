// The search relevance set (tests/relevance/queries.json) on the real search
// page in Chromium, as the Rust reader answers it in `cargo test`; and what a
// result shows: highlighted words, kind, place, amount, isolated ids.
//
// SITE is the built site to check (default: public/).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './server.mjs';
import { launch } from './chromium.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const SITE = resolve(process.env.SITE ?? join(here, '..', '..', 'public'));
const ARTIFACTS = join(here, 'artifacts');
const SET = JSON.parse(readFileSync(join(here, '..', 'relevance', 'queries.json'), 'utf8'));
const EXPECTED_FAILURES = new Set(readFileSync(join(here, '..', 'relevance', 'expected-failures.txt'), 'utf8')
  .split('\n').filter((l) => l.trim() && !l.startsWith('#')));
const PAGE = { fr: '/fr/recherche/', ar: '/ar/bahth/' };

let server;
let browser;

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await serve(SITE);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/* The search page after `query`, once its status is written. */
async function search(lang, query, viewport) {
  const page = await browser.context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  await page.goto(`${server.origin}${PAGE[lang]}?q=${encodeURIComponent(query)}`);
  await page.waitForSelector('form.search-form[data-ready]');
  await page.waitForFunction(() => document.querySelector('.search-status').textContent.trim() !== '');
  return page;
}

async function hrefs(page) {
  return page.$$eval('.search-results > li > a', (links) => links.map((a) => a.getAttribute('href')));
}

describe('the relevance set on the real page', () => {
  const queries = SET.queries;
  test('holds at least 30 queries a language', () => {
    assert.ok(queries.filter((q) => q.lang === 'fr').length >= 30);
    assert.ok(queries.filter((q) => q.lang === 'ar').length >= 30);
  });
  for (const q of queries) {
    const known = EXPECTED_FAILURES.has(`${q.lang}\t${q.q}`);
    test(`${q.lang}: "${q.q}" (${q.case})`, { skip: known && 'a recorded failure' }, async () => {
      const page = await search(q.lang, q.q);
      const found = await hrefs(page);
      await page.close();
      const top = found.slice(0, 10);
      for (const want of q.find) assert.ok(top.some((h) => h.includes(want)), `${want} not in ${top}`);
      for (const unwanted of q.not ?? []) assert.ok(!found.some((h) => h.includes(unwanted)), `${unwanted} found`);
    });
  }
});

describe('what a result shows', () => {
  for (const lang of ['fr', 'ar']) {
    test(`${lang}: words highlighted, kind apart from the title, id isolated, place and amount`, async () => {
      const query = lang === 'fr' ? 'broderie Tanger' : 'الطرز طنجة';
      const page = await search(lang, query);
      const first = page.locator('.search-results > li').first();
      const marks = await first.locator('mark').allInnerTexts();
      const html = await first.innerHTML();
      const id = await first.locator('bdi[dir="ltr"]').first().innerText();
      const meta = await first.locator('.search-meta').innerText();
      for (const width of [360, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        await page.screenshot({ path: join(ARTIFACTS, `search-${lang}-${width}.png`), fullPage: true });
      }
      await page.close();
      assert.ok(marks.length > 0, 'no word highlighted');
      assert.match(html, /<\/a> <span class="kind">/, 'a space between the title and its kind');
      assert.match(id, /^TTA-\d{4}-\d{3}$/);
      assert.match(meta, lang === 'fr' ? /Tanger-Assilah/ : /طنجة/);
      assert.match(meta, /\d/, 'an amount');
    });

    test(`${lang}: a misspelling two letters off gets suggestions`, async () => {
      const page = await search(lang, lang === 'fr' ? 'brdrie' : 'ترصغغ');
      await page.waitForSelector('.search-suggestions:not([hidden]) a', { timeout: 5000 });
      const words = await page.locator('.search-suggestions a').allInnerTexts();
      await page.close();
      assert.ok(words.length > 0, 'no suggestion');
    });
  }
});
