/* Bayan default theme: the search page's optional script (the page works
   without it: its lists and facet pages lead everywhere). Uses the helpers
   site.js shares as window.bayan. */
(function () {
  'use strict';
  var b = window.bayan;
  if (!b) return;
  var lang = b.lang, load = b.load, loader = b.loader, folder = b.folder;
  var each = b.each, element = b.element, counted = b.counted;
  var MAX_RESULTS = 50;

  /* ---- Search, as the build describes it (src/publish/indexes/words.rs):
     the manifest (index.json) carries the tables of folding and of word
     forms (r); each shard (t/) holds keys with their documents (k) and the
     forms met with their keys (w), so the page never stems. Every word must
     match by one of its forms (the last also as the beginning of a key); a
     word matching nothing is read as its nearest indexed word. Ranked by
     BM25 with two fields (title 3, text 1); then the pages of documents
     (d/) of the hits shown. ---- */
  function initSearch(form) {
    var input = form.querySelector('input[type="search"]');
    var status = form.querySelector('.search-status');
    var results = form.querySelector('.search-results');
    var suggestions = form.querySelector('.search-suggestions');
    var get = loader(folder(form.dataset.index));
    var m, r, asked = 0, K1 = 1.2;

    function hex(key) {
      return Array.from(key, function (c) { return c.codePointAt(0).toString(16); }).join('-');
    }
    function len(s) { return Array.from(s).length; }
    function starts(s, list) {
      for (var i = 0; i < list.length; i++) if (s.indexOf(list[i]) === 0) return list[i];
      return null;
    }

    function fold(text) {
      text = text.normalize('NFD').replace(/\p{M}/gu, '');
      r.f.forEach(function (pair) { text = text.split(pair[0]).join(pair[1]); });
      return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    }

    function bare(w) {
      var c = starts(w, r.c);
      if (c && starts(w.slice(c.length), r.a)) w = w.slice(c.length);
      var a = starts(w, r.a);
      return a && len(w) - len(a) >= r.m[0] ? w.slice(a.length) : w;
    }

    /* The forms of a folded word (words::forms). */
    function forms(w) {
      if (len(w) === 1) return /\p{N}/u.test(w) ? [w] : [];
      if (!/[\u0600-\u06ff]/.test(w)) return [w];
      var b = bare(w), out = [b], p = starts(w, r.p);
      if (b === w && p && len(w) - len(p) >= r.m[1]) {
        var rest = bare(w.slice(p.length));
        if (rest !== b) out.push(rest);
      }
      return out;
    }

    function shards(token, below) {
      return Promise.all(m.s.filter(function (p) {
        return token.indexOf(p) === 0 || (below && p.indexOf(token) === 0);
      }).map(function (p) { return get('t/' + hex(p) + '.json'); }));
    }

    /* The keys a form stands for: its own, else the longest key it begins
       with (at most three letters shorter), and with prefix every key
       beginning with it. */
    function keys(f, prefix) {
      return shards(f, prefix).then(function (found) {
        var out = [], named = null, own = false, best = '';
        var shortest = Math.max(3, len(f) - 3);
        found.forEach(function (s) {
          if (s.w[f] !== undefined) named = s.w[f];
          for (var k in s.k) {
            if (k === f) own = true;
            if (f.indexOf(k) === 0 && len(k) >= shortest && len(k) > len(best)) best = k;
            if (prefix && k.indexOf(f) === 0) out.push(k);
          }
        });
        var key = named !== null ? named : own ? f : best;
        if (key) out.unshift(key);
        return out;
      });
    }

    function distance(a, b) {
      a = Array.from(a); b = Array.from(b);
      var row = [];
      for (var j = 0; j <= b.length; j++) row.push(j);
      for (var i = 0; i < a.length; i++) {
        var previous = row[0];
        row[0] = i + 1;
        for (j = 0; j < b.length; j++) {
          var current = row[j + 1];
          row[j + 1] = Math.min(previous + (a[i] === b[j] ? 0 : 1), row[j] + 1, current + 1);
          previous = current;
        }
      }
      return row[b.length];
    }

    /* Indexed tokens of the shards of f within `most` letters, nearest first. */
    function nearest(f, most) {
      return shards(f, false).then(function (found) {
        var near = [];
        found.forEach(function (s) {
          Object.keys(s.k).concat(Object.keys(s.w)).forEach(function (t) {
            var d = distance(t, f);
            if (d > 0 && d <= most && near.indexOf(t) < 0) near.push(t);
          });
        });
        return near.sort(function (a, b) { return distance(a, f) - distance(b, f) || (a < b ? -1 : a > b ? 1 : 0); });
      });
    }

    function postings(key) {
      return shards(key, false).then(function (found) {
        for (var i = 0; i < found.length; i++) if (found[i].k[key]) return found[i].k[key];
        return [[]];
      });
    }

    /* The documents of a term: {all, title} sets, and the word read instead
       when it matched nothing. */
    function term(t, prefix) {
      var fs = forms(t);
      return Promise.all(fs.map(function (f) { return keys(f, prefix); })).then(function (lists) {
        var ks = [].concat.apply([], lists);
        if (ks.length) return [ks, null];
        return nearest(fs[0], 1).then(function (near) {
          if (!near.length) return [[], null];
          return keys(near[0], false).then(function (k) { return [k, near[0]]; });
        });
      }).then(function (found) {
        return Promise.all(found[0].map(postings)).then(function (ps) {
          var all = new Uint8Array(m.n), title = new Uint8Array(m.n);
          ps.forEach(function (p) {
            each(p[0], function (d) { all[d] = 1; });
            if (p[1]) each(p[1], function (d) { title[d] = 1; });
          });
          return { all: all, title: title, instead: found[1], keys: found[0] };
        });
      });
    }

      /* Text with each word a key begins (by one of its forms) in <mark>. */
    function marked(tag, text, stems, attrs) {
      var node = element(tag, '', attrs);
      text.split(/(\s+)/).forEach(function (word) {
        var hit = word.trim() && forms(fold(word).split(' ')[0] || '').some(function (f) {
          return stems.some(function (k) { return len(k) > 1 && f.indexOf(k) === 0; });
        });
        node.appendChild(hit ? element('mark', word) : document.createTextNode(word));
      });
      return node;
    }

    function item(e, stems) {
      var li = element('li');
      li.appendChild(marked('a', e[0], stems, { href: e[1] }));
      li.appendChild(document.createTextNode(' '));
      li.appendChild(element('span', m.k[e[2]], { 'class': 'kind' }));
      var meta = [e[6] && element('bdi', e[6], { dir: 'ltr' }), e[4] && element('span', e[4]),
        e[5] && element('bdi', e[5])].filter(Boolean);
      if (meta.length) {
        var p = element('p', '', { 'class': 'search-meta' });
        meta.forEach(function (node, i) {
          if (i) p.appendChild(document.createTextNode(' · '));
          p.appendChild(node);
        });
        li.appendChild(p);
      }
      if (e[3]) li.appendChild(marked('p', e[3], stems));
      return li;
    }

    /* Links to the nearest indexed words of each term, when nothing matched. */
    function suggest(terms, ask) {
      Promise.all(terms.map(function (t) { return nearest(forms(t)[0], 2); })).then(function (lists) {
        if (ask !== asked) return;
        var words = [].concat.apply([], lists.map(function (l) { return l.slice(0, 3); }));
        suggestions.replaceChildren();
        suggestions.hidden = !words.length;
        if (!words.length) return;
        suggestions.appendChild(document.createTextNode(form.dataset.suggest + ' '));
        words.forEach(function (w, i) {
          if (i) suggestions.appendChild(document.createTextNode(' · '));
          suggestions.appendChild(element('a', w, { href: '?q=' + encodeURIComponent(w), lang: lang }));
        });
      });
    }

    function run() {
      var value = input.value, ask = ++asked;
      var terms = fold(value).split(' ').filter(function (t) { return forms(t).length; }).slice(0, 10);
      suggestions.hidden = true;
      if (!terms.length) { results.replaceChildren(); status.textContent = ''; return; }
      Promise.all(terms.map(function (t, i) {
        return term(t, i === terms.length - 1 && len(t) > 1);
      })).then(function (found) {
        var scores = new Float64Array(m.n), count = new Uint8Array(m.n), instead = [], stems = [];
        found.forEach(function (f) {
          var df = 0, d;
          for (d = 0; d < m.n; d++) df += f.all[d];
          var idf = Math.log(1 + (m.n - df + 0.5) / (df + 0.5));
          for (d = 0; d < m.n; d++) {
            if (!f.all[d]) continue;
            var tf = f.title[d] ? 3 : 1;
            scores[d] += idf * tf * (K1 + 1) / (tf + K1);
            count[d]++;
          }
          if (f.instead) instead.push(f.instead);
          stems = stems.concat(f.keys);
        });
        var hits = [];
        for (var d = 0; d < m.n; d++) if (count[d] === terms.length) hits.push(d);
        hits.sort(function (a, b) { return scores[b] - scores[a] || a - b; });
        var shown = hits.slice(0, MAX_RESULTS), pages = {};
        shown.forEach(function (d) { pages[Math.floor(d / m.p)] = 1; });
        return Promise.all(Object.keys(pages).map(function (p) {
          return get('d/' + p + '.json').then(function (rows) { pages[p] = rows; });
        })).then(function () {
          if (ask !== asked) return;
          results.replaceChildren();
          shown.forEach(function (d) { results.appendChild(item(pages[Math.floor(d / m.p)][d % m.p], stems)); });
          status.textContent = hits.length ? counted(form, hits.length) : form.dataset.none;
          if (hits.length > MAX_RESULTS) status.textContent += ' ' + form.dataset.more;
          if (instead.length) status.textContent += ' ' + form.dataset.corrected.replace('%s', instead.join(' '));
          if (!hits.length) suggest(terms, ask);
          history.replaceState(null, '', '?q=' + encodeURIComponent(value));
        });
      }).catch(function () { /* a missing shard: no answer rather than a wrong one */ });
    }

    load(form.dataset.index).then(function (manifest) {
      m = manifest;
      r = m.r;
      var timer;
      form.hidden = false;
      input.addEventListener('input', function () {
        clearTimeout(timer);
        timer = setTimeout(run, 120);
      });
      form.addEventListener('submit', function (e) { e.preventDefault(); run(); });
      var q = new URLSearchParams(location.search).get('q');
      if (q) { input.value = q; run(); }
      form.dataset.ready = 'true';
    }).catch(function () { /* the lists below still lead everywhere */ });
  }

  var search = document.querySelector('form.search-form[data-index]');
  if (search) initSearch(search);
})();
