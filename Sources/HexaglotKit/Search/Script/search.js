/* Hexaglot's site search: the same file for every language, no framework. The analyser below
   mirrors Sources/HexaglotKit/Search (SearchAnalyzer, SearchFolding, ArabicLightStemmer) and a
   test runs both on the same text. The index format is described in SearchIndexBuilder.swift.
   Query text is only ever put in the page as text (textContent, createTextNode). */
var HexaglotSearch = (function () {
  'use strict';

  var LETTER_MARK_NUMBER = /[\p{L}\p{M}\p{N}]/u;
  var MARK = /\p{M}/u;

  function isHan(c) {
    return (c >= 0x2E80 && c <= 0x2FDF) || c === 0x3005 || c === 0x3007 || (c >= 0x3021 && c <= 0x3029) ||
      (c >= 0x3038 && c <= 0x303B) || (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) ||
      (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF);
  }

  function isWordCharacter(c, ch) {
    if (c < 0x80) return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A);
    return LETTER_MARK_NUMBER.test(ch);
  }

  function isDropped(c) {
    return (c >= 0x064B && c <= 0x065F) || c === 0x0670 || c === 0x0640 || (c >= 0x06D6 && c <= 0x06DC) ||
      (c >= 0x06DF && c <= 0x06E4) || c === 0x06E7 || c === 0x06E8 || (c >= 0x06EA && c <= 0x06ED);
  }

  function foldBeforeStemming(c) {
    if (c < 0x80) return String.fromCharCode(c >= 0x41 && c <= 0x5A ? c + 0x20 : c);
    if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;
    if (isDropped(c)) return '';
    if (c === 0x0622 || c === 0x0623 || c === 0x0625 || c === 0x0671) c = 0x0627;
    else if (c === 0x0629) c = 0x0647;
    else if (c === 0x0649 || c === 0x06CC) c = 0x064A;
    else if (c >= 0x0660 && c <= 0x0669) c -= 0x0630;
    else if (c >= 0x06F0 && c <= 0x06F9) c -= 0x06C0;
    else if (c === 0x0401 || c === 0x0451) c = 0x0435;
    if (c < 0x80) return String.fromCharCode(c >= 0x41 && c <= 0x5A ? c + 0x20 : c);
    return String.fromCodePoint(c).toLowerCase();
  }

  var latinTable = (function () {
    var table = { 0x0153: 'oe', 0x00E6: 'ae', 0x0152: 'oe', 0x00C6: 'ae' };
    function add(from, to) {
      for (var c = from; c <= to; c++) {
        if (table[c] !== undefined) continue;
        var ch = String.fromCodePoint(c);
        var folded = Array.from(ch.normalize('NFD')).filter(function (s) { return !MARK.test(s); }).join('');
        if (folded !== ch) table[c] = folded;
      }
    }
    add(0x00C0, 0x024F);
    add(0x1E00, 0x1EFF);
    return table;
  })();

  function foldAfterStemming(word) {
    if (!/[^\x00-\x7F]/.test(word)) return word;
    var out = '';
    var afterLatin = false;
    for (var ch of word) {
      var c = ch.codePointAt(0);
      if (c < 0x80) { out += ch; afterLatin = true; }
      else if (latinTable[c] !== undefined) { out += latinTable[c]; afterLatin = true; }
      else if (afterLatin && MARK.test(ch)) { continue; }
      else { out += ch; afterLatin = false; }
    }
    return out;
  }

  var ARABIC_PREFIXES = ['\u0648\u0627\u0644', '\u0628\u0627\u0644', '\u0643\u0627\u0644', '\u0641\u0627\u0644', '\u0627\u0644', '\u0644\u0644'];

  /* The prefix's number, 1 for the first of ARABIC_PREFIXES (0: none): the word's form. */
  function arabicForm(word) {
    var scalars = Array.from(word);
    for (var i = 0; i < ARABIC_PREFIXES.length; i++) {
      var prefix = Array.from(ARABIC_PREFIXES[i]);
      if (scalars.slice(0, prefix.length).join('') === ARABIC_PREFIXES[i]) return scalars.length - prefix.length >= 3 ? i + 1 : 0;
    }
    return 0;
  }

  function arabicStem(word) {
    var form = arabicForm(word);
    return form === 0 ? word : Array.from(word).slice(Array.from(ARABIC_PREFIXES[form - 1]).length).join('');
  }

  function stemmer(lang) {
    if (lang === 'ar') return arabicStem;
    // Snowball stemmers (stemmers.js, loaded before this file) where the language has one.
    if (typeof HexaglotStemmers !== 'undefined' && HexaglotStemmers[lang]) return HexaglotStemmers[lang];
    return function (word) { return word; };
  }

  /* The text as units, in order: words {term, form, position, start, end} and Han characters
     {han: character, run, position, start, end}; start and end are UTF-16 offsets in text. */
  function units(text, lang, from) {
    var stem = stemmer(lang);
    var snowball = lang !== 'ar' && typeof HexaglotStemmers !== 'undefined' && !!HexaglotStemmers[lang];
    var result = [];
    var position = from || 0;
    var word = '', wordHasMark = false, wordStart = -1, wordEnd = -1;
    var run = 0, previousHan = false;
    // The position after the last Han character: a run that starts there (only punctuation or
    // spaces between) starts one further, so no chain of pairs spans the break (SearchVocabulary).
    var afterHan = -1;
    function endWord() {
      if (word === '' && !wordHasMark) return;
      var composed = wordHasMark ? word.normalize('NFC') : word;
      if (composed !== '') {
        var base = lang === 'fr' ? elide(composed) : composed;
        var stemmed = stem(base);
        var term = foldAfterStemming(stemmed === '' ? base : stemmed);
        if (term !== '') {
          var unit = { term: term, form: lang === 'ar' ? arabicForm(composed) : 0, position: position, start: wordStart, end: wordEnd };
          // The word without its accents stems otherwise (contaminación, contaminacion): the
          // index holds that term too, at the same place (SearchVocabulary.accentFreeTerm).
          var plain = snowball ? foldAfterStemming(composed) : composed;
          if (plain !== composed) {
            var plainBase = lang === 'fr' ? elide(plain) : plain, plainStem = stem(plainBase);
            var alias = foldAfterStemming(plainStem === '' ? plainBase : plainStem);
            if (alias !== '' && alias !== term) unit.alias = alias;
          }
          result.push(unit);
          position += 1;
        }
      }
      word = ''; wordHasMark = false; wordStart = -1;
    }
    var offset = 0;
    while (offset < text.length) {
      var c = text.codePointAt(offset);
      var ch = String.fromCodePoint(c);
      var start = offset;
      offset += ch.length;
      if (isHan(c)) {
        endWord();
        if (!previousHan) {
          run += 1;
          if (position === afterHan) position += 1;
        }
        result.push({ han: foldBeforeStemming(c), run: run, position: position, start: start, end: offset });
        previousHan = true;
        position += 1;
        afterHan = position;
      } else if (isWordCharacter(c, ch)) {
        previousHan = false;
        var folded = foldBeforeStemming(c);
        // A kept combining mark asks for composition (a dropped one, harakat, does not).
        if (c >= 0x300 && folded !== '' && MARK.test(ch)) wordHasMark = true;
        if (wordStart < 0) wordStart = start;
        wordEnd = offset;
        word += folded;
      } else if ((c === 0x27 || c === 0x2019) && word !== '' && offset < text.length && isWordLetter(text.codePointAt(offset))) {
        // An apostrophe between letters is inside the word (UAX #29), as ' (SearchVocabulary).
        previousHan = false;
        word += "'";
      } else {
        previousHan = false;
        endWord();
      }
    }
    endWord();
    return { units: result, next: position };
  }

  function isWordLetter(c) {
    var ch = String.fromCodePoint(c);
    return !isHan(c) && isWordCharacter(c, ch) && !MARK.test(ch);
  }

  /* French elisions before a word (l', d', qu'…), dropped as SearchAnalyzer.elisionLength does. */
  var ELISIONS = ['l', 'd', 'j', 'm', 'n', 's', 't', 'c', 'qu', 'jusqu', 'lorsqu', 'puisqu', 'quoiqu'];

  function elide(word) {
    var apostrophe = word.indexOf("'");
    return apostrophe >= 0 && apostrophe < 7 && ELISIONS.indexOf(word.slice(0, apostrophe)) >= 0 ? word.slice(apostrophe + 1) : word;
  }

  /* The index's terms of text, as SearchAnalyzer.tokens gives them (for the test). */
  function tokens(text, lang, from) {
    var list = units(text, lang, from).units;
    var result = [];
    for (var i = 0; i < list.length; i++) {
      var unit = list[i];
      if (unit.han === undefined) {
        result.push({ term: unit.term, position: unit.position, kind: 'word', form: unit.form });
        if (unit.alias !== undefined) result.push({ term: unit.alias, position: unit.position, kind: 'word', form: unit.form });
        continue;
      }
      result.push({ term: unit.han, position: unit.position, kind: 'hanCharacter' });
      // The pair, three and four characters that end here, as SearchVocabulary reads them.
      var joined = unit.han;
      for (var back = 1; back <= 3; back++) {
        var previous = list[i - back];
        if (!previous || previous.han === undefined || previous.run !== unit.run) break;
        joined = previous.han + joined;
        result.push({ term: joined, position: previous.position, kind: back === 1 ? 'hanPair' : 'hanGram' });
      }
    }
    return result;
  }

  /* The query as groups: a word, or a run of Han characters (found as a substring). Each
     group lists the index terms it needs and at which offset from its first position. */
  function groups(query, lang) {
    var list = units(query, lang).units;
    var result = [];
    for (var i = 0; i < list.length; i++) {
      var unit = list[i];
      if (unit.han === undefined) {
        result.push({ word: unit.term, span: 1, needs: [{ term: unit.term, offset: 0, form: unit.form }] });
        continue;
      }
      var chars = [unit.han];
      while (i + 1 < list.length && list[i + 1].han !== undefined && list[i + 1].run === unit.run) chars.push(list[++i].han);
      if (chars.length === 1) {
        result.push({ han: chars, span: 1, needs: [{ term: chars[0], offset: 0, withoutPositions: true }] });
        continue;
      }
      // Pairs that cover the run without overlap where possible: 4 characters need 2 pairs.
      var needs = [];
      for (var k = 0; k + 1 < chars.length; k += 2) needs.push({ term: chars[k] + chars[k + 1], offset: k });
      if (chars.length % 2 === 1) needs.push({ term: chars[chars.length - 2] + chars[chars.length - 1], offset: chars.length - 2 });
      result.push({ han: chars, span: chars.length, needs: needs });
    }
    // A query of one run of three or four characters is one term, in one shard. (With other
    // groups, the pairs' positions find the phrase.)
    if (result.length === 1 && result[0].han && result[0].span >= 3 && result[0].span <= 4) {
      result[0].needs = [{ term: result[0].han.join(''), offset: 0, withoutPositions: true }];
    }
    return result;
  }

  /* FNV-1a over UTF-8, as SearchByteMap.hash: the shard a term is in. */
  function bucket(term, count) {
    var bytes = new TextEncoder().encode(term);
    var hash = 0x811C9DC5;
    for (var i = 0; i < bytes.length; i++) {
      hash ^= bytes[i];
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash % count;
  }

  /* Reads the unsigned LEB128 varint at reader.at (a shard is a Uint8Array of them). */
  function varint(reader) {
    var value = 0, shift = 0, byte;
    do {
      byte = reader.bytes[reader.at++];
      value += (byte & 0x7F) * Math.pow(2, shift);
      shift += 7;
    } while (byte & 0x80);
    return value;
  }

  /* A term's postings in a shard (format in SearchIndexBuilder.swift), by document: {score,
     positions (null for Han characters alone or three or four together), complete (all positions listed)}, and whether
     the list is cut to the term's best pages; null when the shard does not have the term. */
  function postingsIn(shard, term, hasPositions, hasForms) {
    var wanted = new TextEncoder().encode(term);
    var reader = { bytes: shard, at: 0 };
    while (reader.at < shard.length) {
      var length = varint(reader), start = reader.at;
      reader.at += length;
      var pages = varint(reader), size = varint(reader), end = reader.at + size;
      var same = length === wanted.length;
      for (var i = 0; same && i < length; i++) same = shard[start + i] === wanted[i];
      if (!same) { reader.at = end; continue; }
      var byDocument = new Map(), document = 0;
      while (reader.at < end) {
        document += varint(reader);
        var posting = { score: varint(reader), forms: 0, positions: null, complete: true };
        if (hasForms) posting.forms = varint(reader);
        if (hasPositions) {
          var counted = varint(reader), at = 0;
          posting.complete = counted % 2 === 0;
          posting.positions = [];
          for (var k = 0; k < Math.floor(counted / 2); k++) { at += varint(reader); posting.positions.push(at); }
        }
        byDocument.set(document, posting);
      }
      return { byDocument: byDocument, cut: pages > byDocument.size };
    }
    return null;
  }

  var NOTHING = { byDocument: new Map(), cut: false };

  /* Documents matching the query groups, best first: all groups before some, the exact
     phrase before the words apart, groups seen at their place before groups accepted unchecked,
     words in the form typed (where the index keeps forms: Arabic's article) before other forms,
     then by score, then by document number. A group matches where its terms stand at their
     offsets; where a list was cut (a common term, many positions) what cannot be checked is
     accepted, so nothing that matches is lost, but after the pages where it was seen: a page
     with 函数 and 调用 a dozen times each, never side by side in the positions kept, would
     otherwise outscore the pages that do say 函数调用. */
  function rank(queryGroups, postingsOf) {
    var documents = new Map();
    queryGroups.forEach(function (group, index) {
      var lists = group.needs.map(function (need) { return postingsOf(need) || NOTHING; });
      var anchor = lists.findIndex(function (list) { return !list.cut; });
      var candidates = lists[anchor < 0 ? 0 : anchor].byDocument;
      candidates.forEach(function (unused, document) {
        var score = 0, listed = [], complete = true, missing = false;
        for (var n = 0; n < lists.length; n++) {
          var posting = lists[n].byDocument.get(document);
          if (!posting) {
            if (lists[n].cut) { complete = false; missing = true; continue; }
            return;
          }
          score += posting.score;
          if (posting.positions) listed.push(n);
          if (!posting.complete) complete = false;
        }
        // Starts where every listed term is at its offset: all of them when every position is
        // listed, else those found (for phrases), the page kept either way.
        var starts = null;
        if (listed.length > 0) {
          var sets = listed.map(function (n) { return new Set(lists[n].byDocument.get(document).positions); });
          var first = listed[0];
          starts = lists[first].byDocument.get(document).positions.map(function (p) { return p - group.needs[first].offset; })
            .filter(function (start) {
              return listed.every(function (n, k) { return sets[k].has(start + group.needs[n].offset); });
            });
          if (starts.length === 0 && complete) return;
        }
        var entry = documents.get(document);
        if (!entry) { entry = { document: document, score: 0, matched: 0, unchecked: 0, exact: 0, starts: [] }; documents.set(document, entry); }
        entry.score += score;
        entry.matched += 1;
        // Not seen at its place: a cut list without the page, or no start found in the positions kept.
        if (missing || (starts !== null && starts.length === 0)) entry.unchecked += 1;
        var need = group.needs[0], posting = lists[0].byDocument.get(document);
        if (need.form !== undefined && posting && posting.forms & (1 << need.form)) entry.exact += 1;
        entry.starts[index] = starts;
      });
    });
    // A group whose every list is cut is on so many pages that a page found by the other
    // groups is taken to have it too (it only lists its best pages).
    queryGroups.forEach(function (group, index) {
      if (!group.needs.every(function (need) { return (postingsOf(need) || NOTHING).cut; })) return;
      documents.forEach(function (entry) {
        if (entry.starts.length > index && index in entry.starts) return;
        entry.matched += 1;
        entry.starts[index] = null;
      });
    });
    var all = [];
    documents.forEach(function (entry) {
      entry.phrase = queryGroups.length > 1 && entry.matched === queryGroups.length && isPhrase(entry, queryGroups);
      all.push(entry);
    });
    all.sort(function (a, b) {
      return (b.matched - a.matched) || ((b.phrase ? 1 : 0) - (a.phrase ? 1 : 0)) || (a.unchecked - b.unchecked) ||
        (b.exact - a.exact) || (b.score - a.score) ||
        (a.document - b.document);
    });
    return all;
  }

  function isPhrase(entry, queryGroups) {
    var current = entry.starts[0];
    if (!current) return false;
    for (var i = 1; i < queryGroups.length; i++) {
      var next = entry.starts[i];
      if (!next) return false;
      var wanted = new Set(current.map(function (start) { return start + queryGroups[i - 1].span; }));
      current = next.filter(function (start) { return wanted.has(start); });
      if (current.length === 0) return false;
    }
    return true;
  }

  /* Where the query's groups occur in a result's original text: [start, end) UTF-16 ranges. */
  function matches(text, lang, queryGroups) {
    var list = units(text, lang).units;
    var words = new Set(), runs = [];
    queryGroups.forEach(function (group) { if (group.word !== undefined) words.add(group.word); else runs.push(group.han); });
    var ranges = [];
    for (var i = 0; i < list.length; i++) {
      var unit = list[i];
      if (unit.han === undefined) {
        if (words.has(unit.term) || (unit.alias !== undefined && words.has(unit.alias))) ranges.push([unit.start, unit.end]);
        continue;
      }
      for (var r = 0; r < runs.length; r++) {
        var chars = runs[r], k = 0;
        while (k < chars.length && i + k < list.length && list[i + k].han === chars[k] && list[i + k].run === unit.run) k++;
        if (k === chars.length) { ranges.push([unit.start, list[i + k - 1].end]); break; }
      }
    }
    return ranges;
  }

  /* About this many UTF-16 units of text around the first match. */
  var EXCERPT_BEFORE = 60, EXCERPT_LENGTH = 220;

  function excerpt(text, ranges) {
    var first = ranges.length ? ranges[0][0] : 0;
    var start = Math.max(0, first - EXCERPT_BEFORE);
    var end = Math.min(text.length, start + EXCERPT_LENGTH);
    // Cut at a space near the edges, so no word is shown in part; Han text has none, so it is
    // started after a punctuation mark or a block's edge near the cut (not in 清洁生产's middle).
    var firstEnd = ranges.length ? ranges[0][1] : 0;
    var space = start > 0 ? text.slice(start, first).search(/[ \u3000\u200B\u3001\u3002\uFF0C\uFF1B\uFF1A\uFF01\uFF1F]/) : -1;
    if (space >= 0 && space < 20) start += space + 1;
    var last = text.lastIndexOf(' ', end);
    if (end < text.length && last >= 0 && end - last < 20 && last > firstEnd) end = last;
    if (start > 0 && /[\uDC00-\uDFFF]/.test(text[start])) start -= 1;
    if (end < text.length && /[\uDC00-\uDFFF]/.test(text[end])) end += 1;
    var parts = [];
    var at = start;
    ranges.forEach(function (range) {
      if (range[0] < at || range[1] > end) return;
      if (range[0] > at) parts.push({ text: text.slice(at, range[0]) });
      parts.push({ text: text.slice(range[0], range[1]), mark: true });
      at = range[1];
    });
    if (at < end) parts.push({ text: text.slice(at, end) });
    if (start > 0) parts.unshift({ text: '… ' });
    if (end < text.length) parts.push({ text: ' …' });
    return parts;
  }

  var MAX_RESULTS = 20;

  /* A query run against one language's index: `load(name)` gives a promise of a file of it
     as a Uint8Array (fetch in the page, the file system in the tests). Resolves to the groups,
     the best results, and `record(entry)`, a promise of what a result shows [url, title,
     section, text]. */
  function search(query, manifest, load) {
    var queryGroups = groups(query, manifest.lang);
    function shardName(term) { return 't' + bucket(term, manifest.shards) + '.bin'; }
    var chunks = new Map();
    function record(entry) {
      var name = 'd' + Math.floor(entry.document / manifest.chunk) + '.json';
      if (!chunks.has(name)) {
        chunks.set(name, load(name).then(function (bytes) { return JSON.parse(new TextDecoder().decode(bytes)); }));
      }
      return chunks.get(name).then(function (data) { return data[entry.document % manifest.chunk]; });
    }
    var names = [];
    queryGroups.forEach(function (group) {
      group.needs.forEach(function (need) { if (names.indexOf(shardName(need.term)) < 0) names.push(shardName(need.term)); });
    });
    var shards = {};
    return Promise.all(names.map(function (name) { return load(name).then(function (data) { shards[name] = data; }); }))
      .then(function () {
        var decoded = new Map();
        var ranked = rank(queryGroups, function (need) {
          if (!decoded.has(need.term)) {
            decoded.set(need.term, postingsIn(shards[shardName(need.term)], need.term, !need.withoutPositions, manifest.forms === 1 && need.form !== undefined));
          }
          return decoded.get(need.term);
        });
        return { groups: queryGroups, ranked: ranked.slice(0, MAX_RESULTS), record: record };
      });
  }

  /* The page: reads ?q=, fetches the shards its terms are in, then the results' texts. */
  function start() {
    var root = document.querySelector('[data-search-index]');
    if (!root) return;
    var manifest = JSON.parse(root.getAttribute('data-search-index'));
    var input = root.querySelector('input[name="q"]');
    var list = root.querySelector('[data-search-results] ol');
    var empty = root.querySelector('[data-search-empty]');
    var status = root.querySelector('[data-search-status]');
    var failed = root.querySelector('[data-search-failed]');
    var query = new URLSearchParams(window.location.search).get('q') || '';
    input.value = query;
    if (groups(query, manifest.lang).length === 0) return;
    var files = new Map();
    function load(name) {
      if (!files.has(name)) {
        files.set(name, fetch(manifest.base + name).then(function (response) {
          if (!response.ok) throw new Error(name + ': ' + response.status);
          return response.arrayBuffer().then(function (buffer) { return new Uint8Array(buffer); });
        }));
      }
      return files.get(name);
    }
    search(query, manifest, load).then(function (found) {
      status.textContent = root.getAttribute('data-count-text').replace('{count}', String(found.ranked.length));
      if (found.ranked.length === 0) { empty.hidden = false; return; }
      // The first result's text first: on a slow link the others' would share its bandwidth.
      var first = found.record(found.ranked[0]);
      var records = found.ranked.map(function (entry, index) {
        return index === 0 ? first : first.then(function () { return found.record(entry); });
      });
      var loaded = [], shown = 0;
      // Results join the list in rank order as soon as those before them have their text.
      records.forEach(function (promise, index) {
        promise.then(function (record) {
          loaded[index] = record;
          while (shown < loaded.length && loaded[shown]) {
            list.appendChild(item(loaded[shown], found.groups, manifest.lang));
            shown += 1;
          }
        });
      });
      return Promise.all(records);
    }).catch(function () { failed.hidden = false; });
  }

  function item(record, queryGroups, lang) {
    var li = document.createElement('li');
    var link = document.createElement('a');
    link.href = record[0];
    link.textContent = record[1];
    li.appendChild(link);
    if (record[2]) {
      var section = document.createElement('span');
      section.className = 'search-section';
      section.textContent = record[2];
      li.appendChild(document.createTextNode(' '));
      li.appendChild(section);
    }
    var paragraph = document.createElement('p');
    excerpt(record[3], matches(record[3], lang, queryGroups)).forEach(function (part) {
      if (part.mark) {
        var mark = document.createElement('mark');
        mark.textContent = part.text;
        paragraph.appendChild(mark);
      } else {
        paragraph.appendChild(document.createTextNode(part.text));
      }
    });
    li.appendChild(paragraph);
    return li;
  }

  if (typeof document !== 'undefined') {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
    else start();
  }

  return { units: units, tokens: tokens, groups: groups, bucket: bucket, rank: rank, matches: matches, excerpt: excerpt, search: search };
})();
