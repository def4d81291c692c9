// Snowball stemmers for the search page: english (Porter2), french, spanish and russian as in
// Snowball 2.2.0 (snowballstem.org), the version of Debian's libstemmer that stems the index, so
// a query word meets the stem the index holds. Each takes and returns a lower-cased word.
// Upper-case letters inside a word are the algorithms' own marks (Y, U, I, H), lowered at the end.
var HexaglotStemmers = (function () {
  'use strict';

  // The longest suffix of w from `groups` (space-separated lists) starting at or after `limit`,
  // as [suffix, index of its group], or null: Snowball's `among`.
  function among(groups) {
    var list = [], group = {};
    groups.forEach(function (words, index) {
      words.split(' ').forEach(function (suffix) { list.push(suffix); group[suffix] = index; });
    });
    list.sort(function (a, b) { return b.length - a.length; });
    return function (w, limit) {
      for (var k = 0; k < list.length; k++) {
        var s = list[k];
        if (w.length - s.length >= (limit || 0) && w.slice(w.length - s.length) === s) return [s, group[s]];
      }
      return null;
    };
  }

  // Snowball's `gopast v gopast non-v` from `start`: where a region R1 or R2 begins.
  function region(w, start, vowels) {
    var i = start;
    while (i < w.length && vowels.indexOf(w[i]) < 0) i++;
    while (++i < w.length && vowels.indexOf(w[i]) >= 0);
    return Math.min(i + 1, w.length);
  }

  function cut(w, n) { return w.slice(0, w.length - n); }

  // ---- english (Porter2) ----
  var enV = 'aeiouy';
  var enExceptions = Object.create(null);
  ('skis ski skies sky dying die lying lie tying tie idly idl gently gentl ugly ugli early earli ' +
    'only onli singly singl sky sky news news howe howe atlas atlas cosmos cosmos bias bias andes andes')
    .replace(/(\S+) (\S+)/g, function (_, word, stem) { enExceptions[word] = stem; });
  var enStep1b = among(['eed eedly', 'ed edly ing ingly']);
  var enStep2 = among(['tional', 'enci', 'anci', 'abli', 'entli', 'izer ization', 'ational ation ator',
    'alism aliti alli', 'fulness', 'ousli ousness', 'iveness iviti', 'biliti bli', 'ogi', 'fulli', 'lessli', 'li']);
  var enStep2To = ['tion', 'ence', 'ance', 'able', 'ent', 'ize', 'ate', 'al', 'ful', 'ous', 'ive', 'ble', 'og', 'ful', 'less', ''];
  var enStep3 = among(['tional', 'ational', 'alize', 'icate iciti ical', 'ful ness', 'ative']);
  var enStep3To = ['tion', 'ate', 'al', 'ic', '', ''];
  var enStep4 = among(['al ance ence er ic able ible ant ement ment ent ism ate iti ous ive ize', 'ion']);

  function enIsVowel(c) { return c !== undefined && enV.indexOf(c) >= 0; }

  // A short syllable ends at `end`: non-vowel, vowel, non-vowel other than w, x, Y; or, at the
  // start of the word, vowel, non-vowel.
  function enShortSyllable(w, end) {
    if (end < 2 || !enIsVowel(w[end - 2])) return false;
    return end === 2 ? !enIsVowel(w[1]) : 'aeiouywxY'.indexOf(w[end - 1]) < 0 && !enIsVowel(w[end - 3]);
  }

  function en(word) {
    if (enExceptions[word]) return enExceptions[word];
    if (word.length < 3) return word;
    var w = word.replace(/^'/, '').replace(/^y/, 'Y').replace(/([aeiouy])y/g, '$1Y');
    var prefix = /^(gener|commun|arsen)/.exec(w);
    var p1 = prefix ? prefix[0].length : region(w, 0, enV);
    var p2 = region(w, p1, enV);
    var m, start;

    // Step 1a: apostrophe endings, then plural -s.
    w = w.replace(/'(s'?)?$/, '');
    if (/sses$/.test(w)) w = cut(w, 2);
    else if (/ie[ds]$/.test(w)) w = cut(w, 3) + (w.length > 4 ? 'i' : 'ie');
    else if (/(us|ss)$/.test(w)) ;
    else if (/s$/.test(w) && /[aeiouy]/.test(w.slice(0, -2))) w = cut(w, 1);

    if (/^(inning|outing|canning|herring|earring|proceed|exceed|succeed)$/.test(w)) return w.replace(/Y/g, 'y');

    // Step 1b: -eed, -ed, -ing, then repair the stem (hop(e), hopp(ing), fil(e)); Step 1c: -y to -i.
    if ((m = enStep1b(w))) {
      start = w.length - m[0].length;
      if (m[1] === 0) {
        if (start >= p1) w = cut(w, m[0].length) + 'ee';
      } else if (/[aeiouy]/.test(w.slice(0, start))) {
        w = w.slice(0, start);
        if (/(at|bl|iz)$/.test(w)) w += 'e';
        else if (/(bb|dd|ff|gg|mm|nn|pp|rr|tt)$/.test(w)) w = cut(w, 1);
        else if (w.length === p1 && enShortSyllable(w, w.length)) w += 'e';
      }
    }
    if (w.length > 2 && /[yY]$/.test(w) && !enIsVowel(w[w.length - 2])) w = cut(w, 1) + 'i';

    // Steps 2 to 4: derivational suffixes in R1, R2; group 12 (-ogi) only after l, 15 (-li) after c d e g h k m n r t.
    if ((m = enStep2(w)) && w.length - m[0].length >= p1) {
      start = w.length - m[0].length;
      if (m[1] === 12 ? w[start - 1] === 'l' : m[1] !== 15 || 'cdeghkmnrt'.indexOf(w[start - 1]) >= 0) {
        w = w.slice(0, start) + enStep2To[m[1]];
      }
    }
    if ((m = enStep3(w)) && w.length - m[0].length >= (m[1] === 5 ? p2 : p1)) {
      w = cut(w, m[0].length) + enStep3To[m[1]];
    }
    if ((m = enStep4(w)) && w.length - m[0].length >= p2 && (m[1] === 0 || /[st]ion$/.test(w))) {
      w = cut(w, m[0].length);
    }
    // Step 5: a final -e or the second l of -ll.
    start = w.length - 1;
    if (w[start] === 'e' && (start >= p2 || (start >= p1 && !enShortSyllable(w, start)))) w = cut(w, 1);
    else if (w[start] === 'l' && start >= p2 && w[start - 1] === 'l') w = cut(w, 1);
    return w.replace(/Y/g, 'y');
  }

  // ---- french ----
  var frV = 'aeiouyâàëéêèïîôûù';
  var frStandard = among(['ance iqUe isme able iste eux ances iqUes ismes ables istes',
    'atrice ateur ation atrices ateurs ations', 'logie logies', 'usion ution usions utions', 'ence ences',
    'ement ements', 'ité ités', 'if ive ifs ives', 'eaux', 'aux', 'euse euses', 'issement issements',
    'amment', 'emment', 'ment ments']);
  var frAfterEment = among(['iv', 'eus', 'abl iqU', 'ièr Ièr']);
  var frAfterIte = among(['abil', 'ic', 'iv']);
  var frIVerb = among(['îmes ît îtes i ie ies ir ira irai iraIent irais irait iras irent irez iriez irions ' +
    'irons iront is issaIent issais issait issant issante issantes issants isse issent isses issez issiez ' +
    'issions issons it']);
  var frVerb = among(['ions', 'é ée ées és èrent er era erai eraIent erais erait eras erez eriez erions erons ' +
    'eront ez iez', 'âmes ât âtes a ai aIent ais ait ant ante antes ants as asse assent asses assiez assions']);
  var frResidual = among(['ion', 'ier ière Ier Ière', 'e']);

  function frIsVowel(c) { return c !== undefined && frV.indexOf(c) >= 0; }

  // -ic after a removed suffix: gone in R2, else written iqU (so it stems like -ique).
  function frIc(w, p2) {
    return /ic$/.test(w) ? cut(w, 2) + (w.length - 2 >= p2 ? '' : 'iqU') : w;
  }

  // Snowball's standard_suffix on s.w; false sends the word on to the verb suffixes (the -ment
  // rules change it first).
  function frStandardSuffix(s) {
    var m = frStandard(s.w), n;
    if (!m) return false;
    var start = s.w.length - m[0].length, w = s.w.slice(0, start), inR2 = start >= s.p2;
    // The cases are frStandard's groups: 0 -ance..., 1 -ation..., 2 -logie, 3 -ution, 4 -ence,
    // 5 -ement, 6 -ité, 7 -if/-ive, 8 -eaux, 9 -aux, 10 -euse, 11 -issement, 12 -amment,
    // 13 -emment, 14 -ment.
    switch (m[1]) {
      case 0: if (inR2) s.w = w; return inR2;
      case 1: if (inR2) s.w = frIc(w, s.p2); return inR2;
      case 2: if (inR2) s.w = w + 'log'; return inR2;
      case 3: if (inR2) s.w = w + 'u'; return inR2;
      case 4: if (inR2) s.w = w + 'ent'; return inR2;
      case 5:
        if (start < s.pV) return false;
        s.w = w;
        if ((n = frAfterEment(w))) {
          start = w.length - n[0].length;
          var base = w.slice(0, start);
          if (n[1] === 0) {
            if (start >= s.p2) s.w = /at$/.test(base) && base.length - 2 >= s.p2 ? cut(base, 2) : base;
          } else if (n[1] === 1) {
            if (start >= s.p2) s.w = base;
            else if (start >= s.p1) s.w = base + 'eux';
          } else if (n[1] === 2) {
            if (start >= s.p2) s.w = base;
          } else if (start >= s.pV) s.w = base + 'i';
        }
        return true;
      case 6:
        if (!inR2) return false;
        s.w = w;
        if ((n = frAfterIte(w))) {
          start = w.length - n[0].length;
          if (start >= s.p2) s.w = w.slice(0, start);
          else if (n[1] < 2) s.w = w.slice(0, start) + (n[1] === 0 ? 'abl' : 'iqU');
        }
        return true;
      case 7:
        if (!inR2) return false;
        s.w = /at$/.test(w) && w.length - 2 >= s.p2 ? frIc(cut(w, 2), s.p2) : w;
        return true;
      case 8: s.w = w + 'eau'; return true;
      case 9: if (start >= s.p1) s.w = w + 'al'; return start >= s.p1;
      case 10:
        if (inR2) s.w = w;
        else if (start >= s.p1) s.w = w + 'eux';
        return start >= s.p1;
      case 11: if (start >= s.p1 && !frIsVowel(w[start - 1])) s.w = w; return s.w === w;
      case 12: if (start >= s.pV) s.w = w + 'ant'; return false;
      case 13: if (start >= s.pV) s.w = w + 'ent'; return false;
      default: if (start - 1 >= s.pV && frIsVowel(w[start - 1])) s.w = w; return false;
    }
  }

  // Snowball's i_verb_suffix, else verb_suffix, both inside RV.
  function frVerbSuffix(s) {
    var m = frIVerb(s.w, s.pV), start, c;
    if (m) {
      start = s.w.length - m[0].length;
      c = s.w[start - 1];
      if (start - 1 >= s.pV && c !== 'H' && !frIsVowel(c)) { s.w = s.w.slice(0, start); return true; }
    }
    if (!(m = frVerb(s.w, s.pV))) return false;
    start = s.w.length - m[0].length;
    if (m[1] === 0 && start < s.p2) return false;
    s.w = s.w.slice(0, start);
    if (m[1] === 2 && /e$/.test(s.w) && start - 1 >= s.pV) s.w = cut(s.w, 1);
    return true;
  }

  // Only when no suffix above matched: a plural -s, then -ion, -ier, -e inside RV.
  function frResidualSuffix(s) {
    var w = s.w, m;
    if (/s$/.test(w) && (/His$/.test(w) || (w.length > 1 && 'aiouès'.indexOf(w[w.length - 2]) < 0))) w = cut(w, 1);
    if ((m = frResidual(w, s.pV))) {
      var start = w.length - m[0].length;
      if (m[1] === 1) w = w.slice(0, start) + 'i';
      else if (m[1] === 2 || (start >= s.p2 && start - 1 >= s.pV && /[st]/.test(w[start - 1]))) w = w.slice(0, start);
    }
    s.w = w;
  }

  function fr(word) {
    var a = word.split(''), i;
    for (i = 0; i < a.length; i++) {
      // Marks u, i and y that are not to count as vowels (between vowels, next to one, after q)
      // and writes ë, ï as He, Hi; after each change the same place is tried again.
      for (;;) {
        var c = a[i], n = a[i + 1];
        if (frIsVowel(c) && (n === 'y' || ((n === 'u' || n === 'i') && frIsVowel(a[i + 2])))) a[i + 1] = n.toUpperCase();
        else if (c === 'ë' || c === 'ï') a.splice(i, 1, 'H', c === 'ë' ? 'e' : 'i');
        else if (c === 'y' && frIsVowel(n)) a[i] = 'Y';
        else if (c === 'q' && n === 'u') a[i + 1] = 'U';
        else break;
      }
    }
    // RV starts after a first two vowels' next letter, after par-, col-, tap-, else after the
    // first vowel that is not the first letter.
    var w = a.join(''), pV = w.length;
    if ((frIsVowel(w[0]) && frIsVowel(w[1]) && w.length > 2) || /^(par|col|tap)/.test(w)) pV = 3;
    else {
      for (i = 1; i < w.length && !frIsVowel(w[i]); i++);
      if (i < w.length) pV = i + 1;
    }
    var p1 = region(w, 0, frV);
    var s = { w: w, pV: pV, p1: p1, p2: region(w, p1, frV) };
    if (frStandardSuffix(s) || frVerbSuffix(s)) s.w = s.w.replace(/Y$/, 'i').replace(/ç$/, 'c');
    else frResidualSuffix(s);
    w = s.w;
    // Undouble -enn, -onn, -ett, -ell, -eill; unaccent é, è before the final consonants; unmark.
    if (/(enn|onn|ett|ell|eill)$/.test(w)) w = cut(w, 1);
    w = w.replace(/[éè](?=[^aeiouyâàëéêèïîôûù]+$)/, 'e');
    return w.replace(/He/g, 'ë').replace(/Hi/g, 'ï').replace(/H/g, '').replace(/[IUY]/g, function (c) { return c.toLowerCase(); });
  }

  // ---- spanish ----
  var esV = 'aeiouáéíóúü';
  var esPronoun = among(['me se sela selo selas selos la le lo las les los nos']);
  var esPronounVerb = among(['iéndo', 'ándo', 'ár', 'ér', 'ír', 'ando iendo ar er ir', 'yendo']);
  var esPronounVerbTo = ['iendo', 'ando', 'ar', 'er', 'ir'];
  var esStandard = among(['anza anzas ico ica icos icas ismo ismos able ables ible ibles ista istas oso osa osos ' +
    'osas amiento amientos imiento imientos', 'adora ador ación adoras adores aciones ante antes ancia ancias',
    'logía logías', 'ución uciones', 'encia encias', 'amente', 'mente', 'idad idades', 'iva ivo ivas ivos']);
  var esIc = among(['ic']);
  var esAfterAmente = among(['iv', 'os ic ad']);
  var esAfterMente = among(['ante able ible']);
  var esAfterIdad = among(['abil ic iv']);
  var esYVerb = among(['ya ye yan yen yeron yendo yo yó yas yes yais yamos']);
  var esVerb = among(['en es éis emos', 'arían arías arán arás aríais aría aréis aríamos aremos ará aré erían ' +
    'erías erán erás eríais ería eréis eríamos eremos erá eré irían irías irán irás iríais iría iréis iríamos ' +
    'iremos irá iré aba ada ida ía ara iera ad ed id ase iese aste iste an aban ían aran ieran asen iesen aron ' +
    'ieron ado ido ando iendo ió ar er ir as abas adas idas ías aras ieras ases ieses ís áis abais íais arais ' +
    'ierais aseis ieseis asteis isteis ados idos amos ábamos íamos imos áramos iéramos iésemos ásemos']);
  var esResidual = among(['os a o á í ó', 'e é']);

  function esIsVowel(c) { return c !== undefined && esV.indexOf(c) >= 0; }

  // Removes the suffix `table` finds if it starts at or after `from`.
  function strip(w, table, from) {
    var m = table(w);
    return m && w.length - m[0].length >= from ? w.slice(0, w.length - m[0].length) : w;
  }

  function esStandardSuffix(w, p1, p2) {
    var m = esStandard(w);
    if (!m || w.length - m[0].length < (m[1] === 5 ? p1 : p2)) return null;
    var base = cut(w, m[0].length);
    switch (m[1]) {
      case 1: return strip(base, esIc, p2);
      case 2: return base + 'log';
      case 3: return base + 'u';
      case 4: return base + 'ente';
      case 5:
        var n = esAfterAmente(base);
        if (!n || base.length - n[0].length < p2) return base;
        base = cut(base, n[0].length);
        return n[1] === 0 && /at$/.test(base) && base.length - 2 >= p2 ? cut(base, 2) : base;
      case 6: return strip(base, esAfterMente, p2);
      case 7: return strip(base, esAfterIdad, p2);
      case 8: return /at$/.test(base) && base.length - 2 >= p2 ? cut(base, 2) : base;
      default: return base;
    }
  }

  function es(word) {
    var w = word, len = w.length, pV = len, i;
    if (len > 1) {
      if (!esIsVowel(w[1]) || esIsVowel(w[0])) {
        // After the next vowel when the second letter is a consonant, after the next consonant
        // when the first two are vowels.
        var wantVowel = !esIsVowel(w[1]);
        for (i = 2; i < len && esIsVowel(w[i]) !== wantVowel; i++);
        if (i < len) pV = i + 1;
      } else pV = Math.min(3, len);
    }
    var p1 = region(w, 0, esV), p2 = region(w, p1, esV), m, n, base;

    // A pronoun attached to a verb form in RV (dándoselo): gone, and the form's accent with it.
    if ((m = esPronoun(w))) {
      base = cut(w, m[0].length);
      n = esPronounVerb(base);
      if (n && base.length - n[0].length >= pV) {
        if (n[1] < 5) w = cut(base, n[0].length) + esPronounVerbTo[n[1]];
        else if (n[1] === 5 || base[base.length - 6] === 'u') w = base;
      }
    }

    // The first that applies of the standard suffixes, -y- verb forms after u, other verb forms.
    var standard = esStandardSuffix(w, p1, p2);
    if (standard !== null) w = standard;
    else if ((m = esYVerb(w, pV)) && w[w.length - m[0].length - 1] === 'u') w = cut(w, m[0].length);
    else if ((m = esVerb(w, pV))) {
      w = cut(w, m[0].length);
      if (m[1] === 0 && /gu$/.test(w)) w = cut(w, 1);
    }

    // A final vowel in RV (and the u of -gue), then acute accents off.
    if ((m = esResidual(w)) && w.length - m[0].length >= pV) {
      w = cut(w, m[0].length);
      if (m[1] === 1 && /gu$/.test(w) && w.length - 1 >= pV) w = cut(w, 1);
    }
    return w.replace(/[áéíóú]/g, function (c) { return 'aeiou'['áéíóú'.indexOf(c)]; });
  }

  // ---- russian ----
  var ruV = 'аеиоуыэюя';
  var ruGerund = among(['в вши вшись', 'ив ивши ившись ыв ывши ывшись']);
  var ruAdjective = among(['ее ие ые ое ими ыми ей ий ый ой ем им ым ом его ого ему ому их ых ую юю ая яя ою ею']);
  var ruParticiple = among(['ем нн вш ющ щ', 'ивш ывш ующ']);
  var ruVerb = among(['ла на ете йте ли й л ем н ло но ет ют ны ть ешь нно', 'ила ыла ена ейте уйте ите или ыли ей ' +
    'уй ил ыл им ым ен ило ыло ено ят ует уют ит ыт ены ить ыть ишь ую ю']);
  var ruNoun = among(['а ев ов ие ье е иями ями ами еи ии и ией ей ой ий й иям ям ием ем ам ом о у ах иях ях ы ь ию ' +
    'ью ю ия ья я']);

  // w without the suffix `table` finds in RV, or null; with `afterAYa`, the first group's
  // suffixes only after а or я (in RV too).
  function ruRemove(w, table, pV, afterAYa) {
    var m = table(w, pV);
    if (!m) return null;
    var start = w.length - m[0].length;
    if (afterAYa && m[1] === 0 && !(start - 1 >= pV && /[ая]/.test(w[start - 1]))) return null;
    return w.slice(0, start);
  }

  function ru(word) {
    // RV starts after the first vowel; R2 as everywhere.
    var w = word.replace(/ё/g, 'е'), i = 0, r;
    while (i < w.length && ruV.indexOf(w[i]) < 0) i++;
    var pV = Math.min(i + 1, w.length), p2 = region(w, region(w, 0, ruV), ruV);

    // All inside RV: a perfective gerund, else -ся/-сь then an adjectival (with a participle),
    // verb or noun ending; then -и, -ость in R2, and the superlative -ейш(е), -нн or -ь.
    if ((r = ruRemove(w, ruGerund, pV, true)) === null) {
      if (/с[яь]$/.test(w) && w.length - 2 >= pV) w = cut(w, 2);
      if ((r = ruRemove(w, ruAdjective, pV)) !== null) {
        var participle = ruRemove(r, ruParticiple, pV, true);
        if (participle !== null) r = participle;
      } else if ((r = ruRemove(w, ruVerb, pV, true)) === null) r = ruRemove(w, ruNoun, pV);
    }
    if (r !== null) w = r;
    if (/и$/.test(w) && w.length - 1 >= pV) w = cut(w, 1);
    if ((r = /ость?$/.exec(w)) && r.index >= p2) w = w.slice(0, r.index);
    if (/ейше?$/.test(w) && w.length - (/е$/.test(w) ? 4 : 3) >= pV) w = w.replace(/ейше?$/, '');
    else if (/ь$/.test(w) && w.length - 1 >= pV) return cut(w, 1);
    if (/нн$/.test(w) && w.length - 2 >= pV) w = cut(w, 1);
    return w;
  }

  // Snowball counts characters, JavaScript UTF-16 units: a character beyond U+FFFF stands in for
  // itself as one private-use character while the word is stemmed (none is a letter they change).
  function byCharacter(stem) {
    return function (word) {
      var astral = word.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g);
      if (!astral || /[\uE000-\uF8FF]/.test(word)) return stem(word);
      var i = 0;
      return stem(word.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, function () { return String.fromCharCode(0xE000 + i++); }))
        .replace(/[\uE000-\uF8FF]/g, function (c) { return astral[c.charCodeAt(0) - 0xE000]; });
    };
  }

  return { en: byCharacter(en), fr: byCharacter(fr), es: byCharacter(es), ru: byCharacter(ru) };
})();
