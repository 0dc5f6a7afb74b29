/* Bayan default theme: optional enhancements, no library. Every page works
   without this file; with it, the projects list filters by several facets
   at once and sorts, and the search page searches, both from small static
   JSON indexes written by the build beside the page (index.json). */
(function () {
  'use strict';
  var lang = document.documentElement.lang;
  var MAX_RESULTS = 50;

  /* Text folded for matching, exactly as the build folds the index: lower
     case; accents, tashkeel and tatweel removed; alef forms unified;
     ta marbuta as ha; alef maqsura as ya; other characters as spaces. */
  function fold(text) {
    return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/\u0640/g, '')
      .replace(/\u0671/g, '\u0627').replace(/\u0629/g, '\u0647').replace(/\u0649/g, '\u064a')
      .toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  }

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

    function update(records) {
      var chosen = selects.map(function (s) { return s.value; });
      var shown = records.filter(function (r) {
        return chosen.every(function (key, f) { return !key || r.f[f] === key; });
      });
      if (sorter.value) shown = shown.slice().sort(compare(sorter.value));
      var fragment = document.createDocumentFragment();
      shown.forEach(function (r) { fragment.appendChild(item(r)); });
      list.replaceChildren(fragment);
      count.textContent = counted(count, shown.length);
      if (pager) pager.hidden = true;
      var params = new URLSearchParams();
      selects.concat(sorter).forEach(function (s) { if (s.value) params.set(s.name, s.value); });
      var query = params.toString();
      history.replaceState(null, '', query ? '?' + query : location.pathname);
    }

    load(form.dataset.index).then(function (records) {
      var params = new URLSearchParams(location.search);
      selects.concat(sorter).forEach(function (s) {
        if (params.has(s.name)) s.value = params.get(s.name);
      });
      form.hidden = false;
      form.addEventListener('change', function () { update(records); });
      form.addEventListener('reset', function () { setTimeout(function () { update(records); }); });
      form.addEventListener('submit', function (e) { e.preventDefault(); });
      if (location.search) update(records);
      form.dataset.ready = 'true';
    }).catch(function () { /* the page stays as the server made it */ });
  }

  /* ---- Search: every term must appear; title matches rank first. ---- */
  function initSearch(form) {
    var input = form.querySelector('input[type="search"]');
    var status = form.querySelector('.search-status');
    var results = form.querySelector('.search-results');

    function run(entries) {
      var terms = fold(input.value).split(' ').filter(Boolean);
      results.replaceChildren();
      if (!terms.length) { status.textContent = ''; return; }
      var found = [];
      entries.forEach(function (e, index) {
        var score = 0;
        for (var i = 0; i < terms.length; i++) {
          if (e.n.indexOf(terms[i]) >= 0) score += 3;
          else if (e.x.indexOf(terms[i]) >= 0) score += 1;
          else return;
        }
        found.push({ e: e, score: score, index: index });
      });
      found.sort(function (a, b) { return b.score - a.score || a.index - b.index; });
      found.slice(0, MAX_RESULTS).forEach(function (hit) {
        var li = element('li');
        li.appendChild(element('a', hit.e.t, { href: hit.e.u }));
        li.appendChild(element('span', hit.e.k, { 'class': 'kind' }));
        if (hit.e.s) li.appendChild(element('p', hit.e.s));
        results.appendChild(li);
      });
      status.textContent = found.length ? counted(form, found.length) : form.dataset.none;
      if (found.length > MAX_RESULTS) status.textContent += ' ' + form.dataset.more;
      history.replaceState(null, '', '?q=' + encodeURIComponent(input.value));
    }

    load(form.dataset.index).then(function (entries) {
      entries.forEach(function (e) { e.n = fold(e.t); });
      var timer;
      form.hidden = false;
      input.addEventListener('input', function () {
        clearTimeout(timer);
        timer = setTimeout(function () { run(entries); }, 120);
      });
      form.addEventListener('submit', function (e) { e.preventDefault(); run(entries); });
      var q = new URLSearchParams(location.search).get('q');
      if (q) { input.value = q; run(entries); }
      form.dataset.ready = 'true';
    }).catch(function () { /* the lists below still lead everywhere */ });
  }

  var filter = document.querySelector('form.filter[data-index]');
  if (filter) initFilter(filter);
  var search = document.querySelector('form.search-form[data-index]');
  if (search) initSearch(search);
})();
