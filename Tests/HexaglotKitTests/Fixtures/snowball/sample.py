#!/usr/bin/env python3
"""Writes LANGUAGE.tsv (word, tab, Snowball stem) from a snowball-data checkout: every k-th pair
of voc.txt/output.txt (about 3,000), plus the first word of each other way a stem differs from
its word (the letters taken off and put on), so the rarer suffix rules are in the sample too.

    python3 sample.py /path/to/snowball-data   # at the commit named in SOURCE.md
"""
import sys
from pathlib import Path

TARGET = 3000


def change(word, stem):
    shared = 0
    while shared < min(len(word), len(stem)) and word[shared] == stem[shared]:
        shared += 1
    return word[shared:], stem[shared:]


def main(data):
    for language in ["english", "french", "spanish", "russian"]:
        words = (data / language / "voc.txt").read_text(encoding="utf-8").splitlines()
        stems = (data / language / "output.txt").read_text(encoding="utf-8").splitlines()
        assert len(words) == len(stems), language
        step = max(1, len(words) // TARGET)
        chosen = set(range(0, len(words), step))
        changes = {change(words[i], stems[i]) for i in chosen}
        for i, (word, stem) in enumerate(zip(words, stems)):
            if change(word, stem) not in changes:
                changes.add(change(word, stem))
                chosen.add(i)
        lines = [f"{words[i]}\t{stems[i]}\n" for i in sorted(chosen)]
        Path(f"{language}.tsv").write_text("".join(lines), encoding="utf-8")


main(Path(sys.argv[1]))
