// The relevance set (tests/relevance/queries.json) on Bayan's search page
// and on Pagefind's index of the same documents, in Chromium:
//   recall in the first 10 results, bytes fetched per query from a cold
//   cache, and time to first results under Chrome's "Slow 3G" profile.
//
//   SITE=OUT node bench/pagefind/compare.mjs
//
// OUT is a built Bayan site into which bench/pagefind wrote pagefind/ and
// pagefind-bench/ (bench/pagefind/run.sh does both). TIMED=N times every
// Nth query (default 4: Slow 3G makes a query take seconds). Prints one
// line per engine and language, and writes every query's figures to
// OUT/compare.tsv.
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../tests/browser/server.mjs';
import { launch } from '../../tests/browser/chromium.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const SITE = resolve(process.env.SITE ?? 'public');
const TIMED = Number(process.env.TIMED ?? 4);
const SET = JSON.parse(readFileSync(join(here, '..', '..', 'tests', 'relevance', 'queries.json'), 'utf8'));
const PAGE = { fr: '/fr/recherche/', ar: '/ar/bahth/' };
// DevTools' "Slow 3G" (now "3G"): 2 s latency, 400 kbit/s each way.
const SLOW_3G = { offline: false, latency: 2000, downloadThroughput: 50000, uploadThroughput: 50000 };
const SHOWN = 10;

/* Bayan: the search page, ready (its manifest loaded), then the query. */
const bayan = {
  name: 'bayan',
  open: async (page, origin, lang) => {
    await page.goto(`${origin}${PAGE[lang]}`);
    await page.waitForSelector('form.search-form[data-ready]');
  },
  ask: (page, query) => page.evaluate(async (q) => {
    const form = document.querySelector('form.search-form');
    const status = form.querySelector('.search-status');
    status.textContent = '';
    const start = performance.now();
    form.querySelector('input[type="search"]').value = q;
    form.requestSubmit();
    while (status.textContent.trim() === '') await new Promise((r) => setTimeout(r, 5));
    const hrefs = [...form.querySelectorAll('.search-results > li > a')].map((a) => a.getAttribute('href'));
    return { ms: performance.now() - start, hrefs };
  }, query),
  isIndex: (url) => /\/index\.[^/]*\.json$|\/[td]\/[^/]+\.json$/.test(url),
  isCode: (url) => /\/search\.[^/]*js$/.test(url),
};

/* Pagefind: its test page with pagefind.init() done, then the query and
   the data of its first SHOWN results. */
const pagefind = {
  name: 'pagefind',
  open: async (page, origin, lang) => {
    await page.goto(`${origin}/pagefind-bench/${lang}.html`);
    await page.waitForFunction(() => typeof window.run === 'function');
    await page.evaluate(async () => { await (await import('/pagefind/pagefind.js')).init(); });
  },
  ask: (page, query) => page.evaluate(async ([q, shown]) => {
    const start = performance.now();
    const found = await window.run(q, shown);
    return { ms: performance.now() - start, hrefs: found.hrefs };
  }, [query, SHOWN]),
  isIndex: (url) => url.includes('/pagefind/') && !/\.(js|wasm)$/.test(url) && !url.includes('wasm.'),
  isCode: (url) => url.includes('/pagefind/') && (/\.js$/.test(url) || url.includes('wasm')),
};

/* One query from a cold cache: recall of `find` in the first 10, bytes of
   the index and of the search code fetched (the page's own preload
   included), and the time from the query to the results, throttled or not. */
async function measure(browser, origin, engine, q, throttled) {
  const page = await browser.context.newPage();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const bodies = [];
  page.on('response', (r) => bodies.push(r.body().then((b) => [r.url(), b]).catch(() => [r.url(), Buffer.alloc(0)])));
  await engine.open(page, origin, q.lang);
  if (throttled) await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
  const { ms, hrefs } = await engine.ask(page, q.q);
  const fetched = await Promise.all(bodies);
  await page.close();
  const sum = (test, size) => fetched.filter(([u]) => test(u)).reduce((n, [, b]) => n + size(b), 0);
  const raw = (b) => b.length;
  const gzip = (b) => (engine === bayan ? gzipSync(b).length : b.length);
  const top = hrefs.slice(0, SHOWN);
  const found = q.find.filter((f) => top.some((h) => h.includes(f))).length;
  return {
    found, wanted: q.find.length, ms,
    index: sum(engine.isIndex, raw), indexGzip: sum(engine.isIndex, gzip), code: sum(engine.isCode, raw),
  };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};

const server = await serve(SITE);
const browser = await launch();
const rows = [['engine', 'lang', 'query', 'found', 'wanted', 'index_bytes', 'index_gzip', 'code_bytes', 'ms_local', 'ms_slow3g']];
try {
  for (const engine of [bayan, pagefind]) {
    for (const lang of ['fr', 'ar']) {
      const queries = SET.queries.filter((q) => q.lang === lang);
      const results = [];
      for (const [i, q] of queries.entries()) {
        const local = await measure(browser, server.origin, engine, q, false);
        const slow = i % TIMED === 0 ? await measure(browser, server.origin, engine, q, true) : null;
        results.push({ ...local, slow: slow?.ms });
        rows.push([engine.name, lang, q.q, local.found, local.wanted, local.index, local.indexGzip, local.code,
          local.ms.toFixed(0), slow ? slow.ms.toFixed(0) : '']);
      }
      const found = results.reduce((n, r) => n + r.found, 0);
      const wanted = results.reduce((n, r) => n + r.wanted, 0);
      const passing = results.filter((r) => r.found === r.wanted).length;
      const slow = results.filter((r) => r.slow !== undefined).map((r) => r.slow);
      console.log([engine.name, lang,
        `recall@10 ${found}/${wanted} (${(100 * found / wanted).toFixed(1)} %)`,
        `queries finding all ${passing}/${results.length}`,
        `index bytes median ${median(results.map((r) => r.index))} (gzip ${median(results.map((r) => r.indexGzip))}), max ${Math.max(...results.map((r) => r.index))}`,
        `code bytes ${median(results.map((r) => r.code))}`,
        `ms local median ${median(results.map((r) => r.ms)).toFixed(0)}`,
        `ms Slow 3G median ${median(slow).toFixed(0)} (${slow.length} queries)`].join('\t'));
    }
  }
} finally {
  writeFileSync(join(SITE, 'compare.tsv'), rows.map((r) => r.join('\t')).join('\n') + '\n');
  await browser.close();
  await server.close();
}
