// A site in three languages in Chromium: the test site of
// tests/fixtures/sites/water (French, Arabic right to left, Amazigh in
// Tifinagh). Each page declares its language and direction, the switcher
// goes among the three to the same record, Tifinagh is drawn with a real
// Tifinagh font (not boxes), and axe finds no violation. Skipped when
// run.sh did not build that site (WATER unset).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { serve } from './server.mjs';
import { launch } from './chromium.mjs';

const WATER = process.env.WATER;
const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), 'artifacts');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const RECORD = {
  fr: '/fr/chantiers/aep-2022-01/',
  ar: '/ar/awras/aep-2022-01/',
  zgh: '/zgh/ikerrazn/aep-2022-01/',
};
const DIR = { fr: 'ltr', ar: 'rtl', zgh: 'ltr' };

describe('three languages', { skip: !WATER && 'WATER not set' }, () => {
  let server;
  let browser;

  before(async () => {
    server = await serve(WATER);
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(path, viewport) {
    const page = await browser.context.newPage();
    if (viewport) await page.setViewportSize(viewport);
    const response = await page.goto(server.origin + path, { waitUntil: 'load' });
    assert.equal(response.status(), 200, `${path} answered ${response.status()}`);
    return page;
  }

  test('each record page declares its language and direction', async () => {
    for (const [lang, path] of Object.entries(RECORD)) {
      const page = await open(path);
      const html = await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]);
      assert.deepEqual(html, [lang, DIR[lang]], path);
      await page.close();
    }
  });

  test('the switcher leads from each language to the same record in the two others', async () => {
    for (const [lang, path] of Object.entries(RECORD)) {
      const page = await open(path);
      const links = await page.locator('a[hreflang]').evaluateAll(
        (nodes) => nodes.map((n) => [n.getAttribute('hreflang'), n.getAttribute('href')]));
      const others = Object.keys(RECORD).filter((l) => l !== lang);
      for (const other of others) {
        const href = links.find(([l]) => l === other)?.[1];
        assert.equal(href, RECORD[other], `${path}: the switcher's ${other} link`);
      }
      assert.ok(!links.some(([l]) => l === lang), `${path}: links to its own language`);
      // Follow one link: the browser lands on the record in that language.
      await page.locator(`a[hreflang="${others[0]}"]`).first().click();
      await page.waitForURL(server.origin + RECORD[others[0]]);
      await page.close();
    }
  });

  test('Tifinagh is drawn with a Tifinagh font', async () => {
    const page = await open('/zgh/');
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument');
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: 'h1' });
    const text = await page.locator('h1').first().innerText();
    assert.match(text, /[\u2D30-\u2D7F]/u, `the heading is in Tifinagh: ${text}`);
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    const families = fonts.map((f) => f.familyName);
    assert.ok(families.some((f) => /tifinagh/i.test(f)), `fonts used: ${families.join(', ')}`);
    await page.close();
  });

  test('zero axe violations on the home and record pages of the three languages', async () => {
    for (const lang of Object.keys(RECORD)) {
      for (const path of [`/${lang}/`, RECORD[lang]]) {
        const page = await open(path);
        const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
        const found = results.violations.map((v) => `${v.id}: ${v.nodes.length}`);
        assert.deepEqual(found, [], `${path}`);
        await page.close();
      }
    }
  });

  test('screenshots of the Amazigh pages at 360 px and on a desktop', async () => {
    for (const [name, path] of [['water-home-zgh', '/zgh/'], ['water-record-zgh', RECORD.zgh]]) {
      for (const [suffix, viewport] of [['', null], ['-360', { width: 360, height: 800 }]]) {
        const page = await open(path, viewport);
        await page.screenshot({ path: join(ARTIFACTS, `${name}${suffix}.png`), fullPage: true });
        await page.close();
      }
    }
  });
});
