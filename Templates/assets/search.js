/* Dossier search: the results page (search.html).
 *
 * The index is a set of scripts written at build time (search/index.js and its shards, see
 * SearchIndex.swift), loaded with <script src> so that searching works opened from disk as well as
 * from a server. Words are normalised here exactly as the build normalised them: the tables come
 * from the Swift rules through search/index.js (NFKC alone comes from the browser, applied code
 * point by code point as the Swift normaliser does), and the proclitic rules mirror
 * ArabicText's Proclitics. Results are built from text nodes: no text of the index ever becomes
 * markup.
 */
(function () {
  "use strict";

  var index = self.DossierSearchIndex;
  var page = document.getElementById("search");
  if (!index || !page) return;

  // ---- Normalisation (ArabicNormalizer, Tokenizer and Proclitics, from the index's tables) ----

  function pairsToRanges(flat) {
    var lo = [], hi = [];
    for (var i = 0; i < flat.length; i += 2) { lo.push(flat[i]); hi.push(flat[i + 1]); }
    return { lo: lo, hi: hi };
  }
  function inRanges(r, v) {
    var a = 0, b = r.lo.length - 1;
    while (a <= b) {
      var m = (a + b) >> 1;
      if (v < r.lo[m]) b = m - 1; else if (v > r.hi[m]) a = m + 1; else return true;
    }
    return false;
  }
  var rules = index.rules;
  var deleted = pairsToRanges(rules.deleted);
  var stable = pairsToRanges(rules.stable);
  var wordBMP = pairsToRanges(rules.word);
  var folds = new Map();
  for (var f = 0; f < rules.folds.length; f += 2) folds.set(rules.folds[f], rules.folds[f + 1]);
  var astralWord = /[\p{Alphabetic}\p{N}]/u;

  /* Below U+0700 (ASCII, Latin-1 and the Arabic block: nearly all of an Arabic text) each code
     point's fate is looked up, made once from the tables: its folded value, DELETED, or UNSTABLE
     (it needs NFKC), as ArabicNormalizer's own table. */
  var LOW = 0x700, DELETED = -1, UNSTABLE = -2;
  var low = new Int32Array(LOW);
  for (var c = 0; c < LOW; c++) {
    low[c] = !inRanges(stable, c) ? UNSTABLE : inRanges(deleted, c) ? DELETED : (folds.has(c) ? folds.get(c) : c);
  }
  var lowWord = new Uint8Array(LOW);
  for (var w = 0; w < LOW; w++) lowWord[w] = inRanges(wordBMP, w) ? 1 : 0;

  /* The text normalised for matching: its code points, and for each the index of the original
     code point it came from (as NormalizedText.origin). */
  function normalize(text) {
    var original = Array.from(text);
    var scalars = [], origin = [];
    for (var i = 0; i < original.length; i++) {
      var cp = original[i].codePointAt(0);
      if (cp < LOW && low[cp] !== UNSTABLE) {
        if (low[cp] !== DELETED) { scalars.push(low[cp]); origin.push(i); }
        continue;
      }
      var parts = cp <= 0xFFFF && inRanges(stable, cp) ? [cp] : Array.from(original[i].normalize("NFKC"), function (c) { return c.codePointAt(0); });
      for (var k = 0; k < parts.length; k++) {
        var p = parts[k];
        if (inRanges(deleted, p)) continue;
        scalars.push(folds.has(p) ? folds.get(p) : p);
        origin.push(i);
      }
    }
    return { original: original, scalars: scalars, origin: origin };
  }

  function isWord(cp) {
    if (cp < LOW) return lowWord[cp] === 1;
    return cp <= 0xFFFF ? inRanges(wordBMP, cp) : astralWord.test(String.fromCodePoint(cp));
  }

  /* The words of normalised text: [{ text, start, end }] in normalised code points. */
  function tokens(norm) {
    var result = [], start = -1, s = norm.scalars;
    for (var i = 0; i <= s.length; i++) {
      if (i < s.length && isWord(s[i])) { if (start < 0) start = i; }
      else if (start >= 0) {
        result.push({ text: String.fromCodePoint.apply(null, s.slice(start, i)), start: start, end: i });
        start = -1;
      }
    }
    return result;
  }

  var conjunctions = index.proclitics.conjunctions;
  var prepositions = index.proclitics.prepositions;
  var minimumStem = index.proclitics.minimumStem;
  var ALEF = "\u0627", LAM = "\u0644";

  function isArabic(word) {
    var cp = word.codePointAt(0);
    return cp >= 0x0600 && cp <= 0x06FF;
  }

  /* Proclitics.variants: every form of a word with its proclitics. */
  function variants(word) {
    if (!word || !isArabic(word)) return [word];
    var hasArticle = word.startsWith(ALEF + LAM) && Array.from(word).length > 2;
    var result = [];
    for (var c = 0; c < conjunctions.length; c++) {
      for (var p = 0; p < prepositions.length; p++) {
        if (hasArticle && prepositions[p] === LAM) result.push(conjunctions[c] + LAM + word.slice(1));
        else result.push(conjunctions[c] + prepositions[p] + word);
      }
    }
    return result;
  }

  /* Proclitics.stems: the words a word may be with its proclitics taken off (remembered: a page
     of results asks for the same words again and again). */
  var stemsMemo = new Map();
  function stems(word) {
    var known = stemsMemo.get(word);
    if (known) return known;
    known = findStems(word);
    stemsMemo.set(word, known);
    return known;
  }
  function findStems(word) {
    var cps = Array.from(word);
    if (!cps.length || !isArabic(word)) return [];
    var result = [];
    for (var c = 0; c < conjunctions.length; c++) {
      for (var p = 0; p < prepositions.length; p++) {
        if (!conjunctions[c] && !prepositions[p]) continue;
        var prefix = Array.from(conjunctions[c] + prepositions[p]);
        if (cps.length <= prefix.length || cps.slice(0, prefix.length).join("") !== prefix.join("")) continue;
        var rest = cps.slice(prefix.length).join("");
        var candidates = [rest];
        if (prepositions[p] === LAM && cps[prefix.length] === LAM) candidates.push(ALEF + rest);
        for (var k = 0; k < candidates.length; k++) {
          var stem = candidates[k];
          if (Array.from(stem).length >= minimumStem && result.indexOf(stem) < 0 && variants(stem).indexOf(word) >= 0) result.push(stem);
        }
      }
    }
    return result;
  }

  /* FNV-1a over the code points, as SearchIndex.hash. */
  function hash(key) {
    var h = 0x811C9DC5;
    for (var ch of key) h = Math.imul(h ^ ch.codePointAt(0), 0x01000193) >>> 0;
    return h >>> 0;
  }

  // ---- Loading shards ----

  var termShards = new Map(), documentShards = new Map(), loading = new Map();

  function load(url, store, n) {
    if (store.has(n)) return Promise.resolve();
    var key = url;
    if (loading.has(key)) return loading.get(key);
    var promise = new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = url;
      script.onload = function () { resolve(); };
      script.onerror = function () { loading.delete(key); reject(new Error("cannot load " + url)); };
      document.head.appendChild(script);
    });
    loading.set(key, promise);
    return promise;
  }

  function termShardOf(key) { return hash(key) & (index.termShards - 1); }

  function loadTerms(keys) {
    var shards = new Set(keys.map(termShardOf));
    return Promise.all(Array.from(shards, function (n) {
      return load(index.termFiles.replace("{n}", n), termShards, n);
    }));
  }

  function documentShardOf(number) {
    var starts = index.documentShards, a = 0, b = starts.length - 1;
    while (a < b) {
      var m = (a + b + 1) >> 1;
      if (starts[m] <= number) a = m; else b = m - 1;
    }
    return a;
  }

  /* A document shard is its documents' JSON in ISO-8859-6 (Arabic letters one byte each, any
     other non-ASCII character a \u escape), compressed by the build (zlib's deflate) in base64:
     the browser's own DecompressionStream and TextDecoder read it. */
  var rawDocuments = new Map();
  function inflate(base64) {
    var bytes;
    if (Uint8Array.fromBase64) {
      bytes = Uint8Array.fromBase64(base64);
    } else {
      var binary = atob(base64);
      bytes = new Uint8Array(binary.length);
      for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    }
    var stream = new DecompressionStream("deflate"), writer = stream.writable.getWriter();
    // A failure shows on the readable side, where the promise below rejects.
    writer.write(bytes).catch(function () {});
    writer.close().catch(function () {});
    return new Response(stream.readable).arrayBuffer().then(function (buffer) {
      return JSON.parse(new TextDecoder("iso-8859-6").decode(buffer));
    });
  }

  function loadDocumentShard(n) {
    if (documentShards.has(n)) return Promise.resolve();
    return load(index.documentFiles.replace("{n}", n), rawDocuments, n).then(function () {
      if (documentShards.has(n)) return;
      var raw = rawDocuments.get(n);
      if (typeof raw !== "string") return;
      rawDocuments.set(n, inflate(raw).then(function (docs) { documentShards.set(n, docs); }));
      return rawDocuments.get(n);
    }).then(function () { return rawDocuments.get(n); });
  }

  function loadDocuments(numbers) {
    return Promise.all(Array.from(new Set(numbers.map(documentShardOf)), loadDocumentShard));
  }

  /* The shards of the entities and of the first passages, asked for with the term shards rather
     than after them: nearly every query shows some entity, and passages are listed in document
     order, so the first page of a common word lies in the first passages' shard. A shard the
     results do not need costs a load that runs beside the term shards'. */
  function loadFirstDocuments() {
    if (!index.documents) return;
    var last = documentShardOf(Math.min(index.entities, index.documents - 1));
    for (var n = 0; n <= last; n++) loadDocumentShard(n).catch(function () {});
  }

  function documentAt(number) {
    var shard = documentShardOf(number);
    var list = documentShards.get(shard);
    var d = list[number - index.documentShards[shard]];
    return { number: number, kind: d[0], url: d[1], title: d[2], text: d[3], lang: d[4] || "", label: d[5] || "", names: d[6] || [] };
  }

  /* The documents listed under a key (the differences written by the index added up). */
  var postingsCache = new Map();
  function postings(key) {
    if (postingsCache.has(key)) return postingsCache.get(key);
    var deltas = termShards.get(termShardOf(key))[key] || [];
    var numbers = [], at = 0;
    for (var i = 0; i < deltas.length; i++) { at += deltas[i]; numbers.push(at); }
    postingsCache.set(key, numbers);
    return numbers;
  }

  // ---- Searching ----

  /* The query's words, each with the keys it is looked up under: itself, then its stems. */
  function queryWords(query) {
    var seen = new Set(), words = [];
    tokens(normalize(query)).forEach(function (t) {
      if (seen.has(t.text)) return;
      seen.add(t.text);
      words.push({ word: t.text, keys: [t.text].concat(stems(t.text)) });
    });
    return words;
  }

  /* Documents holding every word (under any of its keys). A document holding every word as typed
     (or with proclitics of its own) comes first; one found only through a word's stem after. */
  function find(words) {
    var all = null, exact = null;
    words.forEach(function (w) {
      var loose = new Set(), own = new Set(postings(w.word));
      w.keys.forEach(function (k) { postings(k).forEach(function (n) { loose.add(n); }); });
      all = all ? new Set(Array.from(all).filter(function (n) { return loose.has(n); })) : loose;
      exact = exact ? new Set(Array.from(exact).filter(function (n) { return own.has(n); })) : own;
    });
    var list = Array.from(all || []);
    list.sort(function (a, b) {
      var ta = exact.has(a) ? 0 : 1, tb = exact.has(b) ? 0 : 1;
      return ta - tb || a - b;
    });
    return list;
  }

  /* Whether a normalised word is one the query looks for: itself or one of its stems is a key.
     A stem is the end of the word (or, after لل, alef and the end), so a key can be one of its stems
     only if the word ends in it (or in it without its first alef): most words of a text end in no
     key and are let go before their stems are found. */
  function matcher(words) {
    var keys = new Set(), ends = [];
    words.forEach(function (w) { w.keys.forEach(function (k) { keys.add(k); }); });
    keys.forEach(function (k) { ends.push(k.length > 1 && k.startsWith(ALEF) ? k.slice(1) : k); });
    return function (word) {
      if (keys.has(word)) return true;
      var end = 0;
      while (end < ends.length && !word.endsWith(ends[end])) end++;
      if (end === ends.length) return false;
      var s = stems(word);
      for (var i = 0; i < s.length; i++) if (keys.has(s[i])) return true;
      return false;
    };
  }

  /* Where the query's words lie in `text`, as ranges of original code points, whole words with
     their proclitics (a mark never splits a word), marks written on their last letter included. */
  function hits(text, matches) {
    var norm = normalize(text), result = [];
    tokens(norm).forEach(function (t) {
      if (!matches(t.text)) return;
      var start = norm.origin[t.start];
      var end = norm.origin[t.end - 1] + 1;
      while (end < norm.original.length && inRanges(deleted, norm.original[end].codePointAt(0))) end++;
      result.push([start, end]);
    });
    return { original: norm.original, ranges: result };
  }

  // ---- Showing results ----

  var status = document.getElementById("search-status");
  var entitySection = document.getElementById("search-entities");
  var passageSection = document.getElementById("search-passages");
  var entityList = entitySection.querySelector("ol");
  var passageList = passageSection.querySelector("ol");
  var more = document.getElementById("search-more");
  var pageSize = 10;
  var excerptLength = 280;

  /* Text with its hits in <mark>, as text nodes; a long text is cut around its first hit. */
  function highlighted(element, text, matches, cut) {
    var found = hits(text, matches), chars = found.original, ranges = found.ranges;
    var from = 0, to = chars.length;
    if (cut && chars.length > excerptLength) {
      var first = ranges.length ? ranges[0][0] : 0;
      from = Math.max(0, first - Math.floor(excerptLength / 3));
      while (from > 0 && !/\s/.test(chars[from - 1])) from--;
      to = Math.min(chars.length, from + excerptLength);
      while (to < chars.length && !/\s/.test(chars[to])) to++;
    }
    if (from > 0) element.appendChild(document.createTextNode("… "));
    var at = from;
    ranges.forEach(function (r) {
      if (r[1] <= from || r[0] >= to) return;
      var s = Math.max(r[0], at), e = Math.min(r[1], to);
      if (s > at) element.appendChild(document.createTextNode(chars.slice(at, s).join("")));
      var mark = document.createElement("mark");
      mark.textContent = chars.slice(s, e).join("");
      element.appendChild(mark);
      at = e;
    });
    if (at < to) element.appendChild(document.createTextNode(chars.slice(at, to).join("")));
    if (to < chars.length) element.appendChild(document.createTextNode(" …"));
    return element;
  }

  function entityItem(doc, matches) {
    var li = document.createElement("li");
    li.className = "search-result search-entity";
    var head = document.createElement("p");
    head.className = "search-result-head";
    var a = document.createElement("a");
    a.href = doc.url;
    a.appendChild(highlighted(document.createElement("bdi"), doc.title, matches, false));
    head.appendChild(a);
    if (doc.label) {
      var kind = document.createElement("span");
      kind.className = "search-kind";
      kind.textContent = doc.label;
      head.appendChild(document.createTextNode(" "));
      head.appendChild(kind);
    }
    li.appendChild(head);
    var others = doc.names.slice(1).filter(function (n) { return hits(n, matches).ranges.length > 0; });
    if (others.length) {
      var aliases = document.createElement("p");
      aliases.className = "search-aliases";
      others.forEach(function (n, k) {
        if (k > 0) aliases.appendChild(document.createTextNode("، "));
        aliases.appendChild(highlighted(document.createElement("bdi"), n, matches, false));
      });
      li.appendChild(aliases);
    }
    if (doc.text) {
      var p = highlighted(document.createElement("p"), doc.text, matches, true);
      p.className = "search-text";
      li.appendChild(p);
    }
    return li;
  }

  function passageItem(doc, matches) {
    var li = document.createElement("li");
    li.className = "search-result search-" + (doc.kind === "n" ? "note" : "paragraph");
    var head = document.createElement("p");
    head.className = "search-result-head";
    if (doc.label) {
      var kind = document.createElement("span");
      kind.className = "search-kind";
      kind.textContent = doc.label;
      head.appendChild(kind);
      head.appendChild(document.createTextNode(" "));
    }
    var a = document.createElement("a");
    a.href = doc.url;
    var title = highlighted(document.createElement("bdi"), doc.title, matches, true);
    if (doc.kind === "n") {
      a.appendChild(document.createTextNode("«"));
      a.appendChild(title);
      a.appendChild(document.createTextNode("»"));
    } else {
      a.appendChild(title);
    }
    head.appendChild(a);
    li.appendChild(head);
    var p = highlighted(document.createElement("p"), doc.text, matches, true);
    p.className = "search-text";
    if (doc.lang) { p.lang = doc.lang; }
    p.dir = "auto";
    li.appendChild(p);
    return li;
  }

  /* How closely the query names an entity: for its best name (or alias) holding every word of
     the query, how many of that name's words the query leaves out (0: the query is the name);
     Infinity when no name holds every word (the entity was found in its summary). */
  function nameDistance(doc, words) {
    var best = Infinity;
    doc.names.forEach(function (name) {
      var own = tokens(normalize(name)).map(function (t) { return t.text; });
      var used = new Set();
      var all = words.every(function (w) {
        var found = own.findIndex(function (t) {
          return w.keys.indexOf(t) >= 0 || stems(t).some(function (s) { return w.keys.indexOf(s) >= 0; });
        });
        if (found >= 0) used.add(found);
        return found >= 0;
      });
      if (all) best = Math.min(best, own.length - used.size);
    });
    return best;
  }

  var current = null;

  function show(query) {
    var started = performance.now();
    var words = queryWords(query);
    entityList.replaceChildren();
    passageList.replaceChildren();
    entitySection.hidden = true;
    passageSection.hidden = true;
    more.hidden = true;
    if (!words.length) { status.textContent = ""; return Promise.resolve(); }
    status.textContent = page.dataset.loading;
    var keys = [];
    words.forEach(function (w) { keys = keys.concat(w.keys); });
    var run = current = {};
    loadFirstDocuments();
    return loadTerms(keys).then(function () {
      var numbers = find(words);
      var entities = numbers.filter(function (n) { return n < index.entities; });
      var passages = numbers.filter(function (n) { return n >= index.entities; });
      return loadDocuments(entities.concat(passages.slice(0, pageSize))).then(function () {
        if (run !== current) return;
        var matches = matcher(words);
        // Entities named by the query first, the closest names first; then those whose summary holds it.
        var docs = entities.map(documentAt).map(function (d) { return { doc: d, distance: nameDistance(d, words) }; });
        docs.sort(function (a, b) { return (a.distance - b.distance) || (a.doc.number - b.doc.number); });
        docs.forEach(function (d) { entityList.appendChild(entityItem(d.doc, matches)); });
        entitySection.hidden = docs.length === 0;
        var shown = 0;
        function showMore() {
          var next = passages.slice(shown, shown + pageSize);
          return loadDocuments(next).then(function () {
            next.map(documentAt).forEach(function (d) { passageList.appendChild(passageItem(d, matches)); });
            shown += next.length;
            more.hidden = shown >= passages.length;
          });
        }
        more.onclick = function () {
          var first = shown;
          showMore().then(function () {
            var item = passageList.children[first];
            var link = item && item.querySelector("a");
            if (link) link.focus();
          });
        };
        return showMore().then(function () {
          passageSection.hidden = passages.length === 0;
          status.textContent = numbers.length ? page.dataset.results + ": " + numbers.length : page.dataset.none;
          page.dataset.elapsed = (performance.now() - started).toFixed(1);
          page.dataset.done = query;
        });
      });
    });
  }

  var S = self.DossierSearch = self.DossierSearch || {};
  S.terms = function (n, terms) { termShards.set(n, terms); };
  /* A shard of documents: compressed JSON in base64, or (the entities') the documents themselves. */
  S.documents = function (n, documents) {
    if (typeof documents !== "string") documentShards.set(n, documents);
    rawDocuments.set(n, documents);
  };
  S.normalize = function (text) { return String.fromCodePoint.apply(null, normalize(text).scalars); };
  S.tokens = function (text) { return tokens(normalize(text)).map(function (t) { return t.text; }); };
  S.stems = stems;
  S.hash = hash;
  S.show = show;

  var query = new URLSearchParams(location.search).get("q") || "";
  var box = document.getElementById("site-search-query");
  if (box) box.value = query;
  if (query.trim()) {
    document.getElementById("search-hint").hidden = true;
    show(query);
  }
})();
