// `bayan serve` in Chromium: an open page reloads by itself after an edit
// and keeps its scroll position; a broken table shows the overlay over the
// last good page (visible, focused, closed with Escape, no axe violation,
// right to left on Arabic pages) until the table is fixed.
//
// Runs the binary of BAYAN_PROFILE (release by default; run.sh builds it)
// on a copy of the default site, on a free loopback port.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { launch } from './chromium.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const REPO = join(here, '..', '..');
const PROFILE = process.env.BAYAN_PROFILE === 'dev' ? 'debug' : 'release';
const BAYAN = process.env.BAYAN ?? join(REPO, 'target', PROFILE, 'bayan');
const ARTIFACTS = join(here, 'artifacts');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
// Generous: a rebuild on a busy 2-core machine can take seconds.
const PATIENCE = 60_000;

const ARTICLE = 'content/news/2023-08-08-convention-ess.fr.md';
const ARTICLE_URL = '/fr/actualites/2023-08-08-convention-ess/';
const PROJECT = { fr: '/fr/projets/tta-2023-001/', ar: '/ar/mashari/tta-2023-001/' };

let site;
let server;
let origin;
let browser;

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  site = mkdtempSync(join(tmpdir(), 'bayan-serve-'));
  for (const part of ['site.toml', 'data', 'content', 'themes']) {
    cpSync(join(REPO, part), join(site, part), { recursive: true });
  }
  server = spawn(BAYAN, ['serve', '--port', '0', '--root', site], { stdio: ['ignore', 'pipe', 'inherit'] });
  origin = await new Promise((resolve, reject) => {
    server.on('error', reject);
    const lines = createInterface({ input: server.stdout });
    lines.on('line', (line) => {
      const found = line.match(/http:\/\/[^/ ]+/);
      if (found) resolve(found[0]);
    });
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.kill();
  if (site) rmSync(site, { recursive: true, force: true });
});

function edit(relative, change) {
  const path = join(site, relative);
  const before = readFileSync(path, 'utf8');
  const after = change(before);
  assert.notEqual(after, before, `the edit of ${relative} changes nothing`);
  writeFileSync(path, after);
  return () => writeFileSync(path, before);
}

async function open(path, viewport = { width: 1280, height: 900 }) {
  const page = await browser.context.newPage();
  await page.setViewportSize(viewport);
  const response = await page.goto(origin + path, { waitUntil: 'load' });
  assert.equal(response.status(), 200, `${path} answered ${response.status()}`);
  return page;
}

describe('live reload', () => {
  test('an open page reloads by itself after an edit, at the same scroll position', async () => {
    const page = await open(ARTICLE_URL, { width: 360, height: 500 });
    // Chromium restores the scroll of a reloaded page by itself; with that
    // off, only the reload script can bring the reader back.
    await page.evaluate(() => { history.scrollRestoration = 'manual'; window.scrollTo(0, 300); });
    await page.evaluate(() => { window.notReloaded = true; });
    const restore = edit(ARTICLE, (text) => text.replace(/^title = ".*"$/m, 'title = "Titre modifié, vu sans recharger"'));
    try {
      await page.waitForFunction(
        () => document.querySelector('h1')?.textContent.includes('vu sans recharger'),
        null, { timeout: PATIENCE });
      assert.equal(await page.evaluate(() => window.notReloaded), undefined, 'the page was reloaded');
      await page.waitForLoadState('load');
      await page.waitForFunction(() => window.scrollY > 250, null, { timeout: 5_000 })
        .catch(async () => assert.fail(`scroll position lost: ${await page.evaluate(() => window.scrollY)}`));
    } finally {
      restore();
      await page.close();
    }
  });
});

describe('errors in the page', () => {
  test('a broken table shows an accessible overlay over the last good page, in both directions', async () => {
    const restore = edit('data/projects.csv', (text) => text.replace(',2023,', ',deux mille,'));
    try {
      for (const lang of ['fr', 'ar']) {
        const page = await open(PROJECT[lang], { width: 360, height: 740 });
        const overlay = page.locator('#bayan-overlay');
        await overlay.waitFor({ state: 'visible', timeout: PATIENCE }).catch(async () => {
          await page.reload();
          await overlay.waitFor({ state: 'visible', timeout: PATIENCE });
        });
        assert.ok(await overlay.evaluate((o) => o === document.activeElement), 'the overlay has the focus');
        assert.equal(await overlay.evaluate((o) => getComputedStyle(o).direction), lang === 'ar' ? 'rtl' : 'ltr');
        assert.match(await overlay.textContent(), /data\/projects\.csv:2:/);
        // The last good page is still there, under the overlay.
        assert.match(await page.locator('main h1').textContent(), /\S/);
        assert.match(await page.locator('main .kicker').textContent(), /TTA-2023-001/);
        await page.screenshot({ path: join(ARTIFACTS, `serve-overlay-${lang}-360.png`), fullPage: false });
        const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
        assert.equal(results.violations.length, 0, results.violations.map((v) => `${v.id}: ${v.help} ${v.nodes.map((n) => n.target).join(' ')}`).join('\n'));
        await page.keyboard.press('Escape');
        assert.equal(await overlay.isVisible(), false, 'Escape closes the overlay');
        await page.close();
      }
    } finally {
      restore();
    }
    const page = await open(PROJECT.fr);
    await page.locator('#bayan-overlay').waitFor({ state: 'detached', timeout: PATIENCE });
    await page.close();
  });
});
