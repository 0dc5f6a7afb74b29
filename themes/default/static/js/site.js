/* Bayan default theme: optional enhancements, no library. Every page works
   without this file; with it, the projects list filters by several facets
   at once and sorts (and search.js searches), both from static JSON
   written by the build beside the page (index.HASH.json and the files it names),
   fetched a little at a time so that a site of 60,000 projects stays light
   on a phone. */
(function () {
  'use strict';
  var lang = document.documentElement.lang;

  /* A whole number grouped like the server groups it (the separator comes
     from the server's own "1000"). */
  function number(el, n) {
    var sep = (el.dataset.thousand || '').replace(/\d/g, '');
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  }

  /* A counted text in the page's plural form: the server gives one sample
     per CLDR category (data-p0, data-p1, ...); the sample with the same
     category as n has its number replaced by n. */
  function counted(el, n) {
    var rules = new Intl.PluralRules(lang);
    var category = rules.select(n);
    var samples = [0, 1, 2, 3, 11, 100, 1000000];
    for (var i = 0; i < samples.length; i++) {
      if (rules.select(samples[i]) === category) {
        var text = el.dataset['p' + samples[i]];
        if (text) return text.replace(/\d(?:[\d.,\s\u202f]*\d)?/, number(el, n));
      }
    }
    return number(el, n);
  }

  function load(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error(url + ': ' + r.status);
      return r.json();
    });
  }

  /* The folder of an index's first file, whose name carries a hash of
     its content (index.3f9a0c1b2d4e.json): the other files sit beside it. */
  function folder(url) {
    return url.replace(/[^\/]*$/, '');
  }

  /* A cache of fetches under one folder. */
  function loader(base) {
    var cache = {};
    return function (path) { return cache[path] || (cache[path] = load(base + path)); };
  }

  /* Calls fn with each number of a set encoded by the build: an array of
     gaps, or a base64 bitmap (bit n%8 of byte n/8). */
  function each(set, fn) {
    var i, n = 0;
    if (typeof set === 'string') {
      var bytes = atob(set);
      for (i = 0; i < bytes.length; i++) {
        for (var b = bytes.charCodeAt(i), j = 0; b; j++, b >>= 1) if (b & 1) fn(i * 8 + j);
      }
    } else {
      for (i = 0; i < set.length; i++) fn(n += set[i]);
    }
  }

  function element(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    for (var key in attrs || {}) node.setAttribute(key, attrs[key]);
    return node;
  }

  /* ---- Projects list: filter by every facet at once, and sort. ---- */
  function initFilter(form) {
    var list = document.querySelector('ul.records');
    var count = document.getElementById('record-count');
    var pager = document.querySelector('nav.pagination');
    var template = document.getElementById('record-item');
    var empty = document.getElementById('record-empty');
    if (!list || !count || !template) return;
    var selects = Array.prototype.slice.call(form.querySelectorAll('select[data-facet]'));
    var sorter = form.querySelector('select[name="sort"]');
    var labels = selects.map(function (select) {
      var map = {};
      Array.prototype.forEach.call(select.options, function (o) {
        if (o.value) map[o.value] = { label: o.dataset.label, href: o.dataset.href };
      });
      return map;
    });

    function item(r) {
      var li = template.content.firstElementChild.cloneNode(true);
      var link = li.querySelector('.record-title a');
      link.textContent = r.t;
      link.href = r.u;
      var meta = li.querySelector('.record-meta');
      meta.querySelector('.record-id').textContent = r.i;
      r.f.forEach(function (key, f) {
        var value = labels[f] && labels[f][key];
        if (!value) return;
        meta.appendChild(document.createTextNode(' · '));
        meta.appendChild(element('a', value.label, { href: value.href }));
      });
      li.querySelectorAll('[data-figure]').forEach(function (slot) {
        slot.textContent = r.m[Number(slot.dataset.figure)] || '';
      });
      return li;
    }

    function compare(sort) {
      if (sort === 'title') return function (a, b) { return a.t.localeCompare(b.t, lang); };
      var parts = sort.split('-');
      var i = Number(parts[0]), sign = parts[1] === 'asc' ? 1 : -1;
      return function (a, b) { return sign * (Number(a.v[i]) - Number(b.v[i])); };
    }

    function show(rows, total) {
      var fragment = document.createDocumentFragment();
      rows.forEach(function (r) { fragment.appendChild(item(r)); });
      list.replaceChildren(fragment);
      count.textContent = counted(count, total);
      if (empty) empty.hidden = total > 0;
      if (pager) pager.hidden = true;
      var params = new URLSearchParams();
      selects.concat(sorter).forEach(function (s) { if (s.value) params.set(s.name, s.value); });
      var query = params.toString();
      history.replaceState(null, '', query ? '?' + query : location.pathname);
      carry(query);
    }

    /* The other languages' links keep the filter: the same facet keys
       and names serve every language. */
    var switcher = Array.prototype.slice.call(document.querySelectorAll('nav.language a[hreflang]'));
    function carry(query) {
      switcher.forEach(function (a) {
        a.search = query && a.pathname.slice(-1) === '/' ? '?' + query : '';
      });
    }

    /* Each option's count: the records the other chosen facets leave that
       also have this value (the counts the choice would give). */
    function recount(records, chosen) {
      selects.forEach(function (select, f) {
        var counts = {};
        records.forEach(function (r) {
          var others = chosen.every(function (key, g) { return g === f || !key || r.f[g] === key; });
          if (others) counts[r.f[f]] = (counts[r.f[f]] || 0) + 1;
        });
        Array.prototype.forEach.call(select.options, function (o) {
          if (o.value) o.textContent = o.dataset.label + ' (' + number(count, counts[o.value] || 0) + ')';
        });
      });
    }

    /* A small site: every record at once (index.json is an array). */
    function update(records) {
      var chosen = selects.map(function (s) { return s.value; });
      var shown = records.filter(function (r) {
        return chosen.every(function (key, f) { return !key || r.f[f] === key; });
      });
      if (sorter.value) shown = shown.slice().sort(compare(sorter.value));
      recount(records, chosen);
      show(shown, shown.length);
    }

    /* A large site (index.json a manifest): each chosen value's record
       numbers (ids.json beside its page), intersected; a sort order read
       chunk by chunk; then only the pages of records shown, 50 at a time. */
    var buttons, page = 0, asked = 0, PER_PAGE = 50;
    var getList = loader(folder(form.dataset.index)), getIds = loader('');
    function updateLarge(m, step) {
      var ask = ++asked;
      page = step ? Math.max(0, page + step) : 0;
      var limit = (page + 1) * PER_PAGE;
      var chosen = selects.filter(function (s) { return s.value; });
      Promise.all(chosen.map(function (s) {
        return getIds(s.selectedOptions[0].dataset.href + 'ids.json');
      })).then(function (sets) {
        var hits = new Uint8Array(m.n), total = 0, shown = [];
        var wanted = Math.max(sets.length, 1);
        if (!sets.length) hits.fill(1);
        sets.forEach(function (set) { each(set, function (d) { hits[d]++; }); });
        for (var d = 0; d < m.n; d++) {
          if (hits[d] === wanted) { total++; if (shown.length < limit) shown.push(d); } else hits[d] = 0;
        }
        if (!sorter.value) return [total, shown];
        shown = [];
        var chunk = function (c) {
          if (shown.length >= limit || c * m.c >= m.n) return [total, shown];
          return getList('o/' + sorter.value + '/' + c + '.json').then(function (order) {
            order.forEach(function (d) { if (hits[d] && shown.length < limit) shown.push(d); });
            return chunk(c + 1);
          });
        };
        return chunk(0);
      }).then(function (found) {
        var rows = found[1].slice(page * PER_PAGE), pages = {};
        rows.forEach(function (d) { pages[Math.floor(d / m.p)] = 1; });
        return Promise.all(Object.keys(pages).map(function (p) {
          return getList('r/' + p + '.json').then(function (records) { pages[p] = records; });
        })).then(function () {
          if (ask !== asked) return;
          show(rows.map(function (d) { return pages[Math.floor(d / m.p)][d % m.p]; }), found[0]);
          buttons[0].hidden = page === 0;
          buttons[1].hidden = limit >= found[0];
        });
      });
    }

    load(form.dataset.index).then(function (index) {
      var large = !Array.isArray(index);
      var run = large ? function () { updateLarge(index); } : function () { update(index); };
      if (large) {
        var nav = element('p', '', { 'class': 'filter-pages' });
        buttons = [[-1, form.dataset.previous], [1, form.dataset.next]].map(function (b) {
          var button = element('button', b[1], { type: 'button', hidden: '' });
          button.addEventListener('click', function () { updateLarge(index, b[0]); });
          return nav.appendChild(button);
        });
        list.after(nav);
      }
      var params = new URLSearchParams(location.search);
      selects.concat(sorter).forEach(function (s) {
        if (params.has(s.name)) s.value = params.get(s.name);
      });
      form.hidden = false;
      form.addEventListener('change', run);
      form.addEventListener('reset', function () { setTimeout(run); });
      form.addEventListener('submit', function (e) { e.preventDefault(); });
      if (location.search) {
        run();
        var disclosure = form.closest('details');
        if (disclosure) disclosure.open = true;
      }
      form.dataset.ready = 'true';
    }).catch(function () { /* the page stays as the server made it */ });
  }

  /* Shared with search.js, which the search page loads after this file. */
  window.bayan = { lang: lang, load: load, loader: loader, folder: folder, each: each, element: element, counted: counted };

  var filter = document.querySelector('form.filter[data-index]');
  if (filter) initFilter(filter);
})();
