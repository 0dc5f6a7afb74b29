// Lighthouse (mobile emulation, its default) on a few pages of the built
// site, in French and in Arabic: home, the projects list, a project, the
// results. Prints every category's score and the audits that cost points;
// exits non-zero when accessibility or SEO is under 100. Best practices and
// performance are reported (on 2 shared cores the performance score moves
// from run to run). Usage: SITE=public node tests/browser/lighthouse.mjs
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { serve } from './server.mjs';
import { FLAGS } from './chromium.mjs';
import { FR, SITE } from './pages.mjs';

const KINDS = ['home', 'projects', 'project', 'results'];
const CATEGORIES = ['accessibility', 'seo', 'best-practices', 'performance'];
const REQUIRED = ['accessibility', 'seo'];

/** The Arabic twin of a French page, from its hreflang link. */
function arabicOf(path) {
  const html = readFileSync(join(SITE, path, 'index.html'), 'utf8');
  const href = html.match(/<link rel="alternate" hreflang="ar" href="([^"]+)"/)?.[1];
  if (!href) throw new Error(`${path} has no Arabic alternate`);
  return new URL(href).pathname;
}

/** The audits of a category that did not score full marks. */
function lost(lhr, category) {
  return lhr.categories[category].auditRefs
    .filter((ref) => ref.weight > 0)
    .map((ref) => lhr.audits[ref.id])
    .filter((audit) => audit.score !== null && audit.score < 1)
    .map((audit) => `${audit.id}: ${audit.title}`);
}

async function main() {
  const pages = KINDS.flatMap((kind) => [FR[kind], arabicOf(FR[kind])]);
  const server = await serve(SITE);
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    chromeFlags: FLAGS,
  });
  const failures = [];
  try {
    for (const path of pages) {
      const { lhr } = await lighthouse(server.origin + path, {
        port: chrome.port,
        logLevel: 'error',
        onlyCategories: CATEGORIES,
      });
      const scores = CATEGORIES.map((c) => `${c} ${Math.round(lhr.categories[c].score * 100)}`);
      console.log(`${path}: ${scores.join(' · ')}`);
      for (const category of CATEGORIES.filter((c) => lhr.categories[c].score < 1)) {
        for (const audit of lost(lhr, category)) console.log(`  ${category}: ${audit}`);
        if (REQUIRED.includes(category)) failures.push(`${path} ${category}`);
      }
    }
  } finally {
    chrome.kill();
    await server.close();
  }
  if (failures.length > 0) {
    console.error(`under 100: ${failures.join(', ')}`);
    process.exit(1);
  }
  console.log(`accessibility and SEO at 100 on ${pages.length} pages`);
}

await main();
