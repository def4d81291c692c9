"""The search benchmark's documents and query sets, computed from a built site's text alone, so
that both engines are judged against the same expectation.

A document is a published page of its own text: an HTML file of the output whose <body> is of
kind page or home (`class="kind-page"`, `"kind-home"`; not section lists, tag lists or the
search page), with a `.prose` element and no `<meta name="robots" content="noindex">`
(fallback copies, 404 pages). Its text is what the reader sees as the page's own: the `<h1>`,
the tag list and the `.prose` element (not the header, navigation, breadcrumbs or footer, nor
the front matter's summary, which the page shows only in its meta description).

Expected pages, per kind of query (all in the query's language only):
- zh: a substring of 2-4 consecutive Han characters cut from a page at a random place (so it
  may cross a word boundary or be the middle of a word); expected = every page whose text,
  NFKC-folded, contains it.
- ar: a word of a page (3+ letters) changed the way readers type it: harakat added or
  removed, أ/إ/آ written ا (or ا written أ), final ة written ه (or ه as ة), final ى written ي
  (or ي as ى), a tatweel inserted; expected = every page with a word equal to it once both
  are folded (harakat and tatweel removed, alef forms to ا, ة to ه, ى to ي).
- en, fr, es, ru: an inflected form: a word of a page whose Snowball stem (PyPI's
  snowballstemmer, the published algorithms) is shared by another word form of the corpus,
  queried as that other form (plural for singular, another verb form); expected = every page
  with a word of the same stem, case and diacritics folded (ё as е).
Queries with no expected page cannot occur (each comes from a page); duplicates are dropped.
"""
from __future__ import annotations

import dataclasses
import pathlib
import random
import re
import unicodedata

from lxml import html as lxml_html

LANGUAGES = ("zh", "ar", "en", "fr", "ru", "es")
STEMMERS = {"en": "english", "fr": "french", "es": "spanish", "ru": "russian"}


@dataclasses.dataclass
class Document:
    url: str  # path, as /en/areas/pops/
    lang: str
    text: str


@dataclasses.dataclass
class Query:
    lang: str
    text: str
    kind: str  # what variant it is: "zh-3", "ar-harakat-removed", "inflected", …
    source: str  # the page it was cut from
    expected: frozenset[str]
    written: str  # as the source page writes it (the query is a variant of this)


def url_path(output: pathlib.Path, page: pathlib.Path) -> str:
    relative = page.relative_to(output).as_posix()
    return "/" + relative[: -len("index.html")] if relative.endswith("index.html") else "/" + relative


def documents(output: pathlib.Path) -> list[Document]:
    found = []
    for page in sorted(output.rglob("*.html")):
        relative = page.relative_to(output).parts
        if len(relative) < 2 or relative[0] not in LANGUAGES:
            continue
        tree = lxml_html.fromstring(page.read_bytes())
        if tree.xpath('//meta[@name="robots" and contains(@content, "noindex")]'):
            continue
        kinds = set((tree.xpath("//body/@class") or [""])[0].split())
        if not kinds & {"kind-page", "kind-home"}:
            continue
        prose = tree.xpath('//main//*[contains(concat(" ", normalize-space(@class), " "), " prose ")]')
        if not prose:
            continue
        parts = [e.text_content() for e in tree.xpath("//main//h1")[:1]]
        parts += [e.text_content() for e in tree.xpath('//main//ul[contains(concat(" ", @class, " "), " tags ")]')[:1]]
        parts.append(prose[0].text_content())
        found.append(Document(url_path(output, page), relative[0], "\n".join(parts)))
    return found


# ---------------------------------------------------------------------------------------------
# Folding, as a reader would expect a search to treat two spellings as one

HARAKAT = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed]")
TATWEEL = "\u0640"
ARABIC_WORD = re.compile("[\u0621-\u065f\u0670\u0671]+")
HAN_RUN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def fold_arabic(word: str) -> str:
    word = HARAKAT.sub("", word.replace(TATWEEL, ""))
    return word.translate(str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي"}))


def fold_latin_cyrillic(word: str) -> str:
    word = word.casefold().replace("ё", "е")
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    return [w for w in re.findall(r"[^\W\d_]+", text)]


# ---------------------------------------------------------------------------------------------
# Query sets


def chinese_queries(docs: list[Document], count: int, rng: random.Random) -> list[Query]:
    folded = {d.url: unicodedata.normalize("NFKC", d.text) for d in docs}
    runs = [(d.url, run) for d in docs for run in HAN_RUN.findall(folded[d.url]) if len(run) >= 2]
    queries, seen = [], set()
    for _ in range(count * 20):
        if not runs or len(queries) >= count:
            break
        url, run = runs[rng.randrange(len(runs))]
        length = rng.choice([n for n in (2, 3, 4) if n <= len(run)])
        start = rng.randrange(len(run) - length + 1)
        text = run[start:start + length]
        if text in seen:
            continue
        seen.add(text)
        expected = frozenset(u for u, t in folded.items() if text in t)
        queries.append(Query("zh", text, f"zh-{length}", url, expected, text))
    return queries


def _arabic_variants(word: str, rng: random.Random) -> list[tuple[str, str]]:
    """(kind, spelling) of the ways a reader may type this word."""
    variants = []
    bare = HARAKAT.sub("", word)
    if bare != word:
        variants.append(("harakat-removed", bare))
    else:
        marks = "\u064e\u0650\u064f"  # fatha, kasra, damma, after consonants only (not ا و ي ى ة), not the last letter
        voweled = "".join(c + (rng.choice(marks) if i < len(word) - 1 and c not in "اأإآويىةء" else "")
                          for i, c in enumerate(word))
        if voweled != word:
            variants.append(("harakat-added", voweled))
    if any(c in "أإآ" for c in bare):
        variants.append(("alef-plain", re.sub("[أإآ]", "ا", bare)))
    elif bare.startswith("ا") and not bare.startswith("ال"):  # not the article: أل is no spelling of it
        variants.append(("alef-hamza", "أ" + bare[1:]))
    if bare.endswith("ة"):
        variants.append(("ta-marbuta-as-ha", bare[:-1] + "ه"))
    elif bare.endswith("ه"):
        variants.append(("ha-as-ta-marbuta", bare[:-1] + "ة"))
    if bare.endswith("ى"):
        variants.append(("alef-maqsura-as-ya", bare[:-1] + "ي"))
    elif bare.endswith("ي"):
        variants.append(("ya-as-alef-maqsura", bare[:-1] + "ى"))
    if len(bare) >= 4:
        middle = len(bare) // 2
        variants.append(("tatweel", bare[:middle] + TATWEEL + bare[middle:]))
    return variants


def arabic_queries(docs: list[Document], count: int, rng: random.Random) -> list[Query]:
    folded_words = {d.url: {fold_arabic(w) for w in ARABIC_WORD.findall(d.text)} for d in docs}
    candidates = [(d.url, w) for d in docs for w in ARABIC_WORD.findall(d.text) if len(fold_arabic(w)) >= 3]
    queries, seen = [], set()
    for _ in range(count * 20):
        if not candidates or len(queries) >= count:
            break
        url, word = candidates[rng.randrange(len(candidates))]
        variants = _arabic_variants(word, rng)
        if not variants:
            continue
        kind, text = rng.choice(variants)
        if text in seen:
            continue
        seen.add(text)
        target = fold_arabic(text)
        expected = frozenset(u for u, ws in folded_words.items() if target in ws)
        queries.append(Query("ar", text, f"ar-{kind}", url, expected, word))
    return queries


def inflected_queries(lang: str, docs: list[Document], count: int, rng: random.Random) -> list[Query]:
    import snowballstemmer

    stemmer = snowballstemmer.stemmer(STEMMERS[lang])
    stem_of: dict[str, str] = {}

    def stem(word: str) -> str:
        if word not in stem_of:
            stem_of[word] = fold_latin_cyrillic(stemmer.stemWord(word.lower().replace("ё", "е")))
        return stem_of[word]

    doc_stems = {d.url: {stem(w) for w in words(d.text)} for d in docs}
    forms: dict[str, set[str]] = {}
    written: dict[str, str] = {}  # folded form -> the form as first written in the corpus, lower case
    for d in docs:
        for w in words(d.text):
            if len(w) >= 4:
                forms.setdefault(stem(w), set()).add(fold_latin_cyrillic(w))
                written.setdefault(fold_latin_cyrillic(w), w.lower())
    candidates = sorted({(d.url, w.lower()) for d in docs for w in words(d.text)
                         if len(w) >= 5 and len(forms.get(stem(w), ())) >= 2})
    queries, seen = [], set()
    for _ in range(count * 20):
        if not candidates or len(queries) >= count:
            break
        url, word = candidates[rng.randrange(len(candidates))]
        others = sorted(forms[stem(word)] - {fold_latin_cyrillic(word)})
        if not others:
            continue
        text = written[rng.choice(others)]
        if text in seen:
            continue
        seen.add(text)
        target = stem(text)
        expected = frozenset(u for u, stems in doc_stems.items() if target in stems)
        queries.append(Query(lang, text, "inflected", url, expected, word))
    return queries


def query_set(docs: list[Document], lang: str, count: int, seed: int) -> list[Query]:
    """`count` queries for one language, the same for the same documents and seed."""
    own = [d for d in docs if d.lang == lang]
    rng = random.Random(f"{seed}-{lang}")
    if lang == "zh":
        return chinese_queries(own, count, rng)
    if lang == "ar":
        return arabic_queries(own, count, rng)
    return inflected_queries(lang, own, count, rng)
