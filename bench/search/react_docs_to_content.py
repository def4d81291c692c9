#!/usr/bin/env python3
"""Turns translated React documentation (the reactjs/*.react.dev repositories: MDX under
src/content/) into a Hexaglot content/ folder, the search benchmark's corpus of real text
written by others in the six languages.

    react_docs_to_content.py --out DIR en=PATH zh=PATH ar=PATH fr=PATH ru=PATH es=PATH

Each PATH is a work tree or a bare git directory (as the search tool's fetch gives it; then
HEAD is read with git archive). Only prose is kept: code blocks, sandboxes and JSX component
tags go (their inner text stays), links become their text, so the built pages hold the
translators' sentences. A translated file that is still in English (byte-identical to the
English file, or whose letters are mostly not in the language's script or words) is left out,
so a language's pages are that language. The fetched text is not part of the project: write
the output outside the repository.
"""
from __future__ import annotations

import argparse
import json
import pathlib
import re
import subprocess
import sys
import tempfile

LANGUAGES = [  # (code, name, locale, dir) in the switcher's order, as the department's site
    ("zh", "中文", "zh-Hans", None),
    ("en", "English", "en", None),
    ("ar", "العربية", "ar", "rtl"),
    ("fr", "Français", "fr", None),
    ("ru", "Русский", "ru", None),
    ("es", "Español", "es", None),
]
TITLES = {"zh": "React 文档", "en": "React documentation", "ar": "توثيق React",
          "fr": "Documentation React", "ru": "Документация React", "es": "Documentación de React"}

FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.S | re.M)
# Components whose content is code or interactive demos, not prose.
CODE_COMPONENTS = re.compile(r"<(Sandpack|SandpackRSC|ConsoleBlock|ConsoleBlockMulti|ConsoleLogLine|TerminalBlock)\b.*?</\1>", re.S)
MDX_COMMENT = re.compile(r"\{/\*.*?\*/\}", re.S)
TAG = re.compile(r"</?[A-Za-z][\w.]*(?:\s[^<>]*?)?/?>", re.S)
IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
REFERENCE_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
LINK_DEFINITION = re.compile(r"^\s*\[[^\]]+\]:\s*\S+.*$", re.M)


def script_share(text: str, lang: str) -> float:
    """The share of the text's letters written in the language's script (zh, ar, ru), or,
    for fr and es, how far the text's common words are that language's rather than English."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    if lang == "zh":
        return sum("\u4e00" <= c <= "\u9fff" for c in letters) / len(letters) * 3  # one Han character ~ one word
    if lang == "ar":
        return sum("\u0600" <= c <= "\u06ff" for c in letters) / len(letters)
    if lang == "ru":
        return sum("\u0400" <= c <= "\u04ff" for c in letters) / len(letters)
    if lang in ("fr", "es"):
        words = re.findall(r"\w+", text.lower())
        own = {"fr": {"le", "la", "les", "des", "est", "une", "pour", "dans", "vous"},
               "es": {"el", "los", "las", "una", "para", "por", "que", "con", "es"}}[lang]
        english = {"the", "and", "is", "you", "for", "with", "that", "this"}
        ours, theirs = sum(w in own for w in words), sum(w in english for w in words)
        return ours / max(1, ours + theirs)
    return 1.0


def prose(markdown: str) -> str:
    """The page's prose as plain Markdown: no code, no components, no links."""
    text = FENCE.sub("", markdown)
    text = CODE_COMPONENTS.sub("", text)
    text = MDX_COMMENT.sub("", text)
    text = TAG.sub("", text)
    text = IMAGE.sub("", text)
    text = LINK.sub(r"\1", text)
    text = REFERENCE_LINK.sub(r"\1", text)
    text = LINK_DEFINITION.sub("", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip() + "\n"


def title_of(front_matter: str, fallback: str) -> str:
    for line in front_matter.splitlines():
        if line.startswith("title:"):
            value = line[len("title:"):].strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
                value = value[1:-1]
            return value or fallback
    return fallback


def source_tree(path: pathlib.Path, scratch: pathlib.Path) -> pathlib.Path:
    """src/content of a work tree, or of HEAD of a bare git directory, extracted to scratch."""
    if (path / "src" / "content").is_dir():
        return path / "src" / "content"
    archive = subprocess.run(["git", "--git-dir", str(path), "archive", "HEAD", "src/content"],
                             capture_output=True, check=True).stdout
    scratch.mkdir(parents=True)
    subprocess.run(["tar", "-x", "-C", str(scratch)], input=archive, check=True)
    return scratch / "src" / "content"


def target_name(relative: pathlib.PurePosixPath) -> pathlib.PurePosixPath:
    """learn/thinking-in-react.md stays; blog/2024/12/05/react-19.md becomes
    blog/2024-12-05-react-19.md (one folder a section, as the department's site)."""
    parts = relative.parts
    if len(parts) <= 2:
        return relative
    return pathlib.PurePosixPath(parts[0], "-".join(parts[1:]))


def convert(sources: dict[str, pathlib.Path], out: pathlib.Path) -> dict[str, int]:
    content = out / "content"
    content.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        trees = {lang: source_tree(path, pathlib.Path(scratch) / lang) for lang, path in sources.items()}
        english = {p.relative_to(trees["en"]).as_posix(): p.read_text(encoding="utf-8")
                   for p in trees["en"].rglob("*.md")} if "en" in trees else {}
        counts = {}
        for lang, tree in trees.items():
            counts[lang] = 0
            for path in sorted(tree.rglob("*.md")):
                relative = pathlib.PurePosixPath(path.relative_to(tree).as_posix())
                text = path.read_text(encoding="utf-8")
                if lang != "en" and english.get(relative.as_posix()) == text:
                    continue
                match = FRONT_MATTER.match(text)
                front, body = (match.group(1), text[match.end():]) if match else ("", text)
                body = prose(body)
                if len(body) < 200 or (lang != "en" and script_share(body, lang) < 0.5):
                    continue
                title = title_of(front, relative.stem)
                target = content / lang / target_name(relative)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n---\n{body}", encoding="utf-8")
                counts[lang] += 1
    languages = [(code, name, locale, direction) for code, name, locale, direction in LANGUAGES if code in sources]
    lines = ["title:"] + [f"  {code}: {json.dumps(TITLES[code], ensure_ascii=False)}" for code, *_ in languages]
    lines += ["baseURL: https://react-docs.example/", f"defaultLanguage: {'en' if 'en' in sources else languages[0][0]}",
              "languages:"]
    for code, name, locale, direction in languages:
        lines.append(f"  - code: {code}\n    name: {name}\n    locale: {locale}" + (f"\n    dir: {direction}" if direction else ""))
    lines += ["channels: []", "fallbackPages: false"]
    (content / "site.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True, help="folder to write content/ into (outside the repository)")
    parser.add_argument("sources", nargs="+", metavar="LANG=PATH")
    args = parser.parse_args()
    sources = {}
    for item in args.sources:
        lang, _, path = item.partition("=")
        if lang not in TITLES or not path:
            sys.exit(f"expected LANG=PATH with LANG one of {', '.join(TITLES)}: {item}")
        sources[lang] = pathlib.Path(path)
    counts = convert(sources, pathlib.Path(args.out))
    print(" ".join(f"{lang} {n}" for lang, n in counts.items()), "pages")


if __name__ == "__main__":
    main()
