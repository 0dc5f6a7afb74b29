// The default site built for a sub-path (--base-url .../transparence/) and
// served only under it: every request a page makes (styles, scripts, the
// script's indexes) succeeds, in both languages, and the filter and the
// search work. Skipped when run.sh did not build the sub-path copy.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from './server.mjs';
import { launch } from './chromium.mjs';

const SUBSITE = process.env.SUBSITE;
const PREFIX = '/transparence/';
const PAGES = ['fr/', 'ar/', 'fr/projets/', 'ar/mashari/', 'fr/recherche/', 'ar/bahth/', 'fr/programme/', 'ar/barnamaj/'];

describe('sub-path deployment', { skip: !SUBSITE && 'SUBSITE not set' }, () => {
  let server;
  let browser;
  const failures = [];

  before(async () => {
    server = await serve(SUBSITE, PREFIX);
    browser = await launch();
    browser.context.on('response', (r) => { if (r.status() >= 400) failures.push(`${r.status()} ${r.url()}`); });
    browser.context.on('requestfailed', (r) => failures.push(`failed ${r.url()}`));
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(path) {
    const page = await browser.context.newPage();
    const response = await page.goto(server.origin + PREFIX + path, { waitUntil: 'load' });
    assert.equal(response.status(), 200, `${path} answered ${response.status()}`);
    return page;
  }

  test('every page loads its styles and every link stays under the sub-path', async () => {
    for (const path of PAGES) {
      const page = await open(path);
      const styled = await page.evaluate(() => document.styleSheets.length > 0 && document.styleSheets[0].cssRules.length > 0);
      assert.ok(styled, `${path}: the stylesheet did not load`);
      const hrefs = await page.locator('a[href^="/"], link[href^="/"], script[src^="/"]').evaluateAll(
        (nodes) => nodes.map((n) => n.getAttribute('href') ?? n.getAttribute('src')));
      assert.ok(hrefs.length > 10, `${path}: only ${hrefs.length} links`);
      const outside = hrefs.filter((h) => !h.startsWith('/transparence/'));
      assert.deepEqual(outside, [], `${path}: links outside the sub-path`);
      await page.close();
    }
    assert.deepEqual(failures, []);
  });

  test('the filter and the search read their indexes under the sub-path', async () => {
    const projects = await open('ar/mashari/');
    await projects.waitForSelector('form.filter[data-ready]', { state: 'attached' });
    await projects.close();
    for (const [path, query] of [['fr/recherche/', 'cooperative'], ['ar/bahth/', 'تعاونية']]) {
      const page = await open(path);
      await page.waitForSelector('form.search-form[data-ready]');
      await page.fill('#search-q', query);
      await page.waitForSelector('.search-results li', { timeout: 5000 });
      const first = await page.locator('.search-results li a').first().getAttribute('href');
      assert.ok(first.startsWith('/transparence/'), `${path}: result ${first}`);
      await page.close();
    }
    assert.deepEqual(failures, []);
  });
});
