/* Site search without a server. Reads the static index that sitegen writes
   per language (internal/search): a meta file, then only the term chunks a
   query needs, then one fragment per result shown. Tokenizing and ranking
   follow internal/search (token.go, stem.go, query.go) step for step; the
   Go tests run this file in Chromium against the Go results.
   No dependencies, no inline code: works under a strict CSP. */
(function () {
  'use strict';

  var K1 = 1.2, B = 0.75, ADJACENCY_BOOST = 0.5, TITLE_SPAN = 64, LEN_SCALE = 16, PAGE = 10;
  var LEN_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_';
  var TOUCHING = 0, SPACED = 1, BROKEN = 2;
  var reWord = /[\p{L}\p{Nd}\p{M}]/u, reMn = /\p{Mn}/u, reLatin = /\p{Script=Latin}/u, reSpace = /\s/u;

  function isKhmerBase(c) { return (c >= 0x1780 && c <= 0x17B3) || c === 0x17DC; }
  function isKhmerMark(c) { return (c >= 0x17B6 && c <= 0x17D3) || c === 0x17DD; }
  function isInvisible(c) {
    return c === 0x200C || c === 0x200D || c === 0x17B4 || c === 0x17B5 || c === 0xFEFF || c === 0xAD;
  }
  function khmerDigit(c) { return c >= 0x17E0 && c <= 0x17E9 ? String.fromCharCode(48 + c - 0x17E0) : null; }
  function isSpace(ch, c) { return c === 0x200B || (c !== 0xFEFF && reSpace.test(ch)); }

  function foldKhmer(s) {
    return s.indexOf('\u17C1') < 0 ? s : s.split('\u17C1\u17B8').join('\u17BE').split('\u17C1\u17B6').join('\u17C4');
  }

  function foldWord(w) {
    if (/^[\x00-\x7f]*$/.test(w)) { return w.toLowerCase(); }
    var out = '', latin = false;
    for (var ch of w.normalize('NFD')) {
      var c = ch.codePointAt(0);
      if (reMn.test(ch)) { if (!latin) { out += ch; } continue; }
      if (isInvisible(c)) { continue; }
      var d = khmerDigit(c);
      if (d) { ch = d; }
      if (ch === 'đ' || ch === 'Đ') { ch = 'd'; } else if (ch === 'ø' || ch === 'Ø') { ch = 'o'; }
      latin = reLatin.test(ch);
      out += ch.toLowerCase();
    }
    return out.normalize('NFC');
  }

  // Light English stemming: Porter's steps 1a-1c, as stem.go.
  function consonant(w, i) {
    var ch = w[i];
    if ('aeiou'.indexOf(ch) >= 0) { return false; }
    if (ch === 'y') { return i === 0 || !consonant(w, i - 1); }
    return true;
  }
  function measure(w) {
    var m = 0, i = 0;
    while (i < w.length && consonant(w, i)) { i++; }
    while (i < w.length) {
      while (i < w.length && !consonant(w, i)) { i++; }
      if (i >= w.length) { break; }
      while (i < w.length && consonant(w, i)) { i++; }
      m++;
    }
    return m;
  }
  function hasVowel(w) { for (var i = 0; i < w.length; i++) { if (!consonant(w, i)) { return true; } } return false; }
  function cvc(w) {
    var n = w.length;
    if (n < 3 || !consonant(w, n - 1) || consonant(w, n - 2) || !consonant(w, n - 3)) { return false; }
    return 'wxy'.indexOf(w[n - 1]) < 0;
  }
  function ends(w, s) { return w.length >= s.length && w.slice(w.length - s.length) === s; }
  function stem(w) {
    if (w.length < 3 || !/^[a-z]+$/.test(w)) { return w; }
    if (ends(w, 'sses') || ends(w, 'ies')) { w = w.slice(0, -2); }
    else if (!ends(w, 'ss') && ends(w, 's')) { w = w.slice(0, -1); }
    var again = false;
    if (ends(w, 'eed')) { if (measure(w.slice(0, -3)) > 0) { w = w.slice(0, -1); } }
    else if (ends(w, 'ed') && hasVowel(w.slice(0, -2))) { w = w.slice(0, -2); again = true; }
    else if (ends(w, 'ing') && hasVowel(w.slice(0, -3))) { w = w.slice(0, -3); again = true; }
    if (again) {
      var n = w.length;
      if (ends(w, 'at') || ends(w, 'bl') || ends(w, 'iz')) { w += 'e'; }
      else if (n >= 2 && w[n - 1] === w[n - 2] && consonant(w, n - 1) && 'lsz'.indexOf(w[n - 1]) < 0) { w = w.slice(0, -1); }
      else if (measure(w) === 1 && cvc(w)) { w += 'e'; }
    }
    if (ends(w, 'y') && hasVowel(w.slice(0, -1))) { w = w.slice(0, -1) + 'i'; }
    return w;
  }

  // tokenize returns tokens with their place in chars (code points of the
  // NFC text): {term, pos, khmer, gap, start, end}.
  function tokenize(lang, text) {
    var rs = Array.from(text.normalize('NFC')), out = [], gap = BROKEN, i = 0;
    while (i < rs.length) {
      var c = rs[i].codePointAt(0), j;
      if (isKhmerBase(c) || isKhmerMark(c)) {
        var t = rs[i];
        for (j = i + 1; j < rs.length;) {
          var d = rs[j].codePointAt(0);
          if (d === 0x17D2 && j + 1 < rs.length && isKhmerBase(rs[j + 1].codePointAt(0))) { t += rs[j] + rs[j + 1]; j += 2; }
          else if (isKhmerMark(d)) { t += rs[j]; j++; }
          else if (isInvisible(d)) { j++; }
          else { break; }
        }
        out.push({ term: foldKhmer(t), pos: out.length, khmer: true, gap: gap, start: i, end: j });
        gap = TOUCHING; i = j;
      } else if (reWord.test(rs[i])) {
        for (j = i; j < rs.length && reWord.test(rs[j]); j++) {
          var e = rs[j].codePointAt(0);
          if (isKhmerBase(e) || isKhmerMark(e)) { break; }
        }
        var w = foldWord(rs.slice(i, j).join(''));
        if (lang === 'en') { w = stem(w); }
        out.push({ term: w, pos: out.length, khmer: false, gap: gap, start: i, end: j });
        gap = TOUCHING; i = j;
      } else {
        if (isSpace(rs[i], c)) { gap = Math.max(gap, SPACED); } else if (!isInvisible(c)) { gap = BROKEN; }
        i++;
      }
    }
    return { chars: rs, tokens: out };
  }

  // parseQuery as ParseQuery in token.go.
  function parseQuery(lang, q) {
    var toks = tokenize(lang, q).tokens, out = [], seen = {};
    function add(term, pos, bonus) {
      if (!Object.prototype.hasOwnProperty.call(seen, term)) { seen[term] = 1; out.push({ term: term, pos: pos, bonus: bonus }); }
    }
    for (var i = 0; i < toks.length; i++) {
      var t = toks[i], next = i + 1 < toks.length && toks[i + 1].khmer;
      if (!t.khmer) { add(t.term, t.pos, false); }
      else if (next && toks[i + 1].gap === TOUCHING) { add(t.term + toks[i + 1].term, t.pos, false); }
      else if (i === 0 || !toks[i - 1].khmer || t.gap !== TOUCHING) { add(t.term, t.pos, false); }
      if (t.khmer && next && toks[i + 1].gap === SPACED) { add(t.term + toks[i + 1].term, t.pos, true); }
    }
    return out;
  }

  // compare orders strings by code point, as Go orders UTF-8 bytes.
  function compare(a, b) {
    var i = 0, j = 0;
    while (i < a.length && j < b.length) {
      var x = a.codePointAt(i), y = b.codePointAt(j);
      if (x !== y) { return x < y ? -1 : 1; }
      i += x > 0xFFFF ? 2 : 1; j += y > 0xFFFF ? 2 : 1;
    }
    if (i < a.length) { return 1; }
    return j < b.length ? -1 : 0;
  }

  function Index(base) {
    this.base = base;
    this.bytes = 0;
    this.cache = {};
  }
  Index.prototype.get = function (name) {
    var self = this;
    if (!self.cache[name]) {
      self.cache[name] = fetch(self.base + name).then(function (r) {
        if (!r.ok) { throw new Error(name + ': ' + r.status); }
        return r.arrayBuffer();
      }).then(function (buf) {
        self.bytes += buf.byteLength;
        var u = new Uint8Array(buf);
        if (u[0] === 0x1f && u[1] === 0x8b) { // not already decoded by the server
          return new Response(new Blob([buf]).stream().pipeThrough(new DecompressionStream('gzip'))).text();
        }
        return new TextDecoder().decode(u);
      });
    }
    return self.cache[name];
  };
  Index.prototype.meta = function () {
    var self = this;
    if (!self.metaP) { self.metaP = self.get('meta.idx').then(JSON.parse); }
    return self.metaP;
  };
  Index.prototype.chunk = function (name) {
    var self = this;
    self.chunks = self.chunks || {};
    if (!self.chunks[name]) {
      self.chunks[name] = self.get(name).then(function (text) {
        var m = new Map();
        text.split('\n').forEach(function (line) {
          var k = line.indexOf('\t');
          if (k > 0) { m.set(line.slice(0, k), line.slice(k + 1)); }
        });
        return m;
      });
    }
    return self.chunks[name];
  };
  Index.prototype.lookup = function (meta, term) {
    var cs = meta.chunks, lo = 0, hi = cs.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (compare(cs[mid][0], term) > 0) { hi = mid; } else { lo = mid + 1; } }
    if (lo === 0) { return Promise.resolve(''); }
    return this.chunk(cs[lo - 1][1]).then(function (m) { return m.get(term) || ''; });
  };
  Index.prototype.fragment = function (meta, doc) {
    return this.get('p/' + doc + '.idx?v=' + meta.v).then(JSON.parse);
  };

  // search ranks pages as Searcher.Search in query.go.
  Index.prototype.search = function (lang, q) {
    var self = this, qt = parseQuery(lang, q);
    return self.meta().then(function (meta) {
      return Promise.all(qt.map(function (t) { return self.lookup(meta, t.term); })).then(function (encs) {
        var hits = new Map();
        encs.forEach(function (enc, i) {
          if (!enc) { return; }
          var ps = enc.split(' '), df = ps.length;
          var idf = Math.log(1 + (meta.n - df + 0.5) / (df + 0.5)), doc = 0;
          ps.forEach(function (p) {
            var f = p.split('.');
            doc += parseInt(f[0], 36);
            var tf = parseInt(f[1], 36), h = hits.get(doc);
            if (!h) { h = { doc: doc, matched: 0, adjacent: 0, score: 0, positions: {} }; hits.set(doc, h); }
            var pos = 0, list = [];
            for (var k = 2; k < f.length; k++) { pos += parseInt(f[k], 36); list.push(pos); }
            if (list.length) { h.positions[i] = list; }
            if (qt[i].bonus) { h.adjacent++; return; }
            var r = LEN_ALPHABET.indexOf(meta.lens[doc]) / LEN_SCALE;
            h.score += idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * r));
            h.matched++;
          });
        });
        var list = [];
        hits.forEach(function (h) {
          if (h.matched === 0) { return; }
          for (var i = 0; i + 1 < qt.length; i++) {
            var a = h.positions[i] || [], b = h.positions[i + 1] || [], d = qt[i + 1].pos - qt[i].pos;
            if (a.some(function (x) { return b.indexOf(x + d) >= 0; })) { h.adjacent++; }
          }
          var inTitle = 0, required = 0;
          qt.forEach(function (t, i) {
            if (t.bonus) { return; }
            required++;
            if (h.positions[i] && h.positions[i][0] < TITLE_SPAN) { inTitle++; }
          });
          h.score *= (1 + ADJACENCY_BOOST * h.adjacent) * (1 + inTitle / required);
          list.push(h);
        });
        list.sort(function (a, b) {
          return (b.matched - a.matched) || (b.score - a.score) || (a.doc - b.doc);
        });
        return { meta: meta, terms: qt, hits: list };
      });
    });
  };

  // marks returns the [start, end) char ranges of tokens matching the query.
  function marks(toks, qt) {
    var want = {}, out = [];
    qt.forEach(function (t) { if (!t.bonus) { want[t.term] = 1; } });
    for (var i = 0; i < toks.length; i++) {
      var t = toks[i];
      if (want[t.term] === 1) { out.push([i, i]); }
      if (t.khmer && i + 1 < toks.length && toks[i + 1].khmer && toks[i + 1].gap <= SPACED && want[t.term + toks[i + 1].term] === 1) {
        out.push([i, i + 1]);
      }
    }
    return out;
  }

  function appendMarked(el, chars, toks, ranges, from, to) {
    var cursor = from;
    ranges.forEach(function (r) {
      var s = toks[r[0]].start, e = toks[r[1]].end;
      if (e <= cursor || s >= to) { return; }
      s = Math.max(s, cursor);
      el.appendChild(document.createTextNode(chars.slice(cursor, s).join('')));
      var m = document.createElement('mark');
      m.textContent = chars.slice(s, Math.min(e, to)).join('');
      el.appendChild(m);
      cursor = Math.min(e, to);
    });
    el.appendChild(document.createTextNode(chars.slice(cursor, to).join('')));
  }

  // excerpt fills el with about 30 tokens of text around the densest
  // cluster of matches, matches in <mark>.
  function excerpt(el, lang, text, qt) {
    var tk = tokenize(lang, text), toks = tk.tokens, ranges = marks(toks, qt);
    if (!toks.length) { return; }
    var best = 0, bestN = -1;
    ranges.forEach(function (r) {
      var n = ranges.filter(function (x) { return x[0] >= r[0] - 4 && x[0] <= r[0] + 26; }).length;
      if (n > bestN) { bestN = n; best = r[0]; }
    });
    var first = Math.max(0, best - 4), last = Math.min(toks.length - 1, first + 30);
    var from = toks[first].start, to = Math.min(toks[last].end, from + 260);
    if (first > 0) { el.appendChild(document.createTextNode('… ')); }
    appendMarked(el, tk.chars, toks, ranges, from, to);
    if (to < tk.chars.length) { el.appendChild(document.createTextNode(' …')); }
  }

  function setup(form) {
    var lang = form.getAttribute('data-lang');
    var index = new Index(form.getAttribute('data-search-index'));
    var input = form.querySelector('input[name=q]');
    var status = document.getElementById('search-status');
    var results = document.getElementById('search-results');
    var more = document.getElementById('search-more');
    var msg = function (k) { return form.getAttribute('data-msg-' + k) || ''; };
    var current = null, timer = 0, generation = 0;

    function render(res, from) {
      var items = res.hits.slice(from, from + PAGE);
      return Promise.all(items.map(function (h) { return index.fragment(res.meta, h.doc); })).then(function (frags) {
        frags.forEach(function (f) {
          var li = document.createElement('li'), a = document.createElement('a'), p = document.createElement('p');
          a.href = f.u;
          var tt = tokenize(lang, f.t);
          appendMarked(a, tt.chars, tt.tokens, marks(tt.tokens, res.terms), 0, tt.chars.length);
          var h = document.createElement('h2');
          h.appendChild(a);
          excerpt(p, lang, f.x, res.terms);
          li.appendChild(h);
          li.appendChild(p);
          results.appendChild(li);
        });
        res.shown = from + items.length;
        more.hidden = res.shown >= res.hits.length;
      });
    }

    function run(q, push) {
      var g = ++generation, t0 = performance.now();
      q = q.trim();
      if (push) {
        var u = new URL(location.href);
        if (q) { u.searchParams.set('q', q); } else { u.searchParams.delete('q'); }
        history.replaceState(null, '', u);
      }
      results.textContent = '';
      more.hidden = true;
      if (!q) { status.textContent = ''; return; }
      status.textContent = msg('searching');
      index.search(lang, q).then(function (res) {
        if (g !== generation) { return; }
        current = res;
        if (!res.hits.length) { status.textContent = msg('none').replace('{q}', q); return; }
        return render(res, 0).then(function () {
          if (g !== generation) { return; }
          status.textContent = msg('count').replace('{n}', res.hits.length);
          results.setAttribute('data-ms', Math.round(performance.now() - t0));
          results.setAttribute('data-bytes', index.bytes);
        });
      }).catch(function (err) {
        if (g === generation) { status.textContent = msg('error'); }
        if (window.console) { console.error(err); }
      });
    }

    form.addEventListener('submit', function (e) { e.preventDefault(); clearTimeout(timer); run(input.value, true); });
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () { run(input.value, true); }, 250);
    });
    more.addEventListener('click', function () { if (current) { render(current, current.shown); } });
    var q = new URLSearchParams(location.search).get('q');
    if (q) { input.value = q; run(q, false); }
  }

  // Exposed for the tests, which compare it with the Go side.
  window.sitegenSearch = { tokenize: tokenize, parseQuery: parseQuery, stem: stem, Index: Index };

  var form = document.querySelector('form[data-search-index]');
  if (form) { setup(form); }
}());
