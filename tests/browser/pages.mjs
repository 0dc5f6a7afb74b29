// What the Chromium suites share: the built site, its asset names, the
// pages every check visits (in French, their Arabic twins found through
// the language switcher) and a helper that opens a page at a size.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const SITE = resolve(process.env.SITE ?? join(here, '..', '..', 'public'));
export const ARTIFACTS = join(here, 'artifacts');
export const ROOT = join(here, '..', '..');
/* Styles, scripts and index entries are named by a hash of their content:
   the build's manifest gives each one's published name. */
const MANIFEST = JSON.parse(readFileSync(join(SITE, 'asset-manifest.json'), 'utf8'));
export const published = (path) => MANIFEST[path] ?? assert.fail(`${path} is not in asset-manifest.json`);
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

// One page of each kind, in French.
export const FR = {
  home: '/fr/',
  projects: '/fr/projets/',
  project: '/fr/projets/tta-2023-001/',
  facet: '/fr/projets/province/tetouan/',
  provinces: '/fr/projets/province/',
  communes: '/fr/projets/commune/',
  results: '/fr/resultats/',
  article: '/fr/actualites/2025-06-16-portail-transparence/',
  news: '/fr/actualites/',
  programme: '/fr/programme/',
  openData: '/fr/donnees-ouvertes/',
  search: '/fr/recherche/',
  contact: '/fr/contact/',
  legal: '/fr/mentions-legales/',
  accessibility: '/fr/accessibilite/',
  corrections: '/fr/corrections/',
  glossary: '/fr/glossaire/',
};

export const PHONE = { width: 360, height: 800 };
export const DESKTOP = { width: 1280, height: 900 };

/** Opens `path` of the served site in a new tab (optionally at a size),
    checking its status (200 unless `status` says otherwise). */
export async function openPage(browser, origin, path, options = {}) {
  const page = await browser.context.newPage();
  if (options.viewport) await page.setViewportSize(options.viewport);
  const response = await page.goto(origin + path, { waitUntil: 'load' });
  const status = options.status ?? 200;
  assert.equal(response.status(), status, `${path} answered ${response.status()}`);
  return page;
}

/** The other language's address of a page, from its language switcher. */
export async function twinOf(browser, origin, path) {
  const page = await openPage(browser, origin, path);
  const href = await page.locator('nav.language a[hreflang]').first().getAttribute('href');
  await page.close();
  return href;
}
