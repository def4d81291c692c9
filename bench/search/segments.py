"""Where a Chinese query falls among the words of the page it was cut from, by jieba (PyPI; its
dictionary ships with it), so that the report can say how each engine does on substrings that
are whole words, lie inside one word (则表达式 in 正则表达式), or cross a word boundary. This is
only a label for the report: the expected pages do not depend on it."""
from __future__ import annotations

import logging
import unicodedata

from queries import HAN_RUN


def position(page_text: str, query: str) -> str:
    """'words' when the query's first place in the page starts and ends on word boundaries,
    'inside-a-word' when it lies within one longer word, else 'across-words'."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    text = unicodedata.normalize("NFKC", page_text)
    for run in HAN_RUN.finditer(text):
        at = run.group().find(query)
        if at < 0:
            continue
        tokens = list(jieba.tokenize(run.group()))
        bounds = {start for _, start, _ in tokens} | {end for _, _, end in tokens}
        end = at + len(query)
        if at in bounds and end in bounds:
            return "words"
        if any(start <= at and end <= stop for _, start, stop in tokens):
            return "inside-a-word"
        return "across-words"
    raise ValueError(f"{query!r} is not in the page")
