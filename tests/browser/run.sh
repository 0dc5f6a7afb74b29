#!/usr/bin/env bash
# The default site checked in a browser, from a fresh build:
#   1. build the site into a new temporary folder (never public/);
#   2. the Nu Html Checker on every generated HTML page (zero errors);
#   3. the Chromium suite (tests/browser/*.test.mjs): axe, right to left,
#      language switcher, filter, search, print, reflow, screenshots; and
#      the site built for a sub-path, served only under it; and the
#      three-language test site (French, Arabic, Amazigh in Tifinagh);
#   4. Lighthouse, mobile, on home, the projects list, a project and the
#      results in both languages: fails under 100 for accessibility or SEO
#      (tests/browser/lighthouse.mjs; about a minute; BAYAN_LIGHTHOUSE=0
#      skips it while iterating).
# Installs nothing. Needs: `npm ci` done at the repository root, java, and
# Debian's chromium at /usr/bin/chromium (or CHROMIUM=path); fonts-noto-core
# for good Arabic type in the screenshots. See the README.
set -euo pipefail
cd "$(dirname "$0")/../.."

site="$(mktemp -d "${TMPDIR:-/tmp}/bayan-browser.XXXXXX")"
trap 'rm -rf "$site"' EXIT

echo "== build the default site into $site/public"
# BAYAN_PROFILE=dev reuses the debug binary (CI has just built it).
cargo run --locked --profile "${BAYAN_PROFILE:-release}" -q -- build --output "$site/public"

echo "== build it again for a sub-path, as a GitHub Pages project site"
cargo run --locked --profile "${BAYAN_PROFILE:-release}" -q -- build --output "$site/sub" \
  --base-url https://example.org/transparence/

echo "== build the three-language test site (fr, ar, zgh) into $site/water"
cargo run --locked --profile "${BAYAN_PROFILE:-release}" -q -- build --root tests/fixtures/sites/water \
  --output "$site/water"

echo "== Nu Html Checker: every HTML page"
java -jar node_modules/vnu-jar/build/dist/vnu.jar --errors-only --skip-non-html --format gnu "$site/public" "$site/water"
echo "no HTML errors in $(find "$site/public" -name '*.html' | wc -l) pages"

echo "== Chromium suite"
SITE="$site/public" SUBSITE="$site/sub" WATER="$site/water" node --test --test-reporter=spec tests/browser/

if [ "${BAYAN_LIGHTHOUSE:-1}" != 0 ]; then
  echo "== Lighthouse, mobile: accessibility and SEO at 100"
  SITE="$site/public" node tests/browser/lighthouse.mjs
fi
