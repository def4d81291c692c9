#!/usr/bin/env python3
"""Turns translated documentation into a Hexaglot content/ folder, the search benchmark's
corpus of real text written by others in the six languages. Two layouts are read: the React
docs (the reactjs/*.react.dev repositories: MDX under src/content/) and the Modern JavaScript
Tutorial (javascript-tutorial/*.javascript.info: 1-js/…/article.md, task.md, solution.md).

    docs_to_content.py --out DIR en=PATH zh=PATH ar=PATH fr=PATH ru=PATH es=PATH [en=PATH2 …]

Each PATH is a work tree or a bare git directory (as the search tool's fetch gives it; then
HEAD is read with git archive); a language may be given several, one of each layout. Only prose
is kept: code blocks, sandboxes, JSX component tags and the tutorial's [cut]/[smart]/[iframe]
markers go (inner text stays), links become their text, so the built pages hold the
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
TITLES = {"zh": "开发文档", "en": "Developer documentation", "ar": "توثيق المطورين",
          "fr": "Documentation pour développeurs", "ru": "Документация для разработчиков", "es": "Documentación para desarrolladores"}

FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
FENCE = re.compile(r"^[ \t]*(```|~~~).*?^[ \t]*\1[^\n]*$", re.S | re.M)
# Components whose content is code or interactive demos, not prose.
CODE_COMPONENTS = re.compile(r"<(Sandpack|SandpackRSC|ConsoleBlock|ConsoleBlockMulti|ConsoleLogLine|TerminalBlock)\b.*?</\1>", re.S)
MDX_COMMENT = re.compile(r"\{/\*.*?\*/\}", re.S)
TAG = re.compile(r"</?[A-Za-z][\w.]*(?:\s[^<>]*?)?/?>", re.S)
IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
REFERENCE_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
LINK_DEFINITION = re.compile(r"^\s*\[[^\]]+\]:\s*\S+.*$", re.M)
TUTORIAL_MARKER = re.compile(r"\[/?(?:cut|smart|iframe|task|codetabs|online|edit|head|libs|demo|recent|compare|warn|summary|ponyfill)\b[^\]]*\]")
AUTOLINK = re.compile(r"<(?:info|mdn|https?):[^>]*>")
HEADING = re.compile(r"\A\s*#\s+(.+?)\s*$", re.M)


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
    text = TUTORIAL_MARKER.sub("", text)
    text = AUTOLINK.sub("", text)
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


def layout_of(path: pathlib.Path) -> str:
    """'react' or 'tutorial', from the repository's top folders (work tree or HEAD)."""
    if (path / "src" / "content").is_dir():
        return "react"
    if (path / "1-js").is_dir():
        return "tutorial"
    top = subprocess.run(["git", "--git-dir", str(path), "ls-tree", "--name-only", "HEAD"],
                         capture_output=True, text=True, check=True).stdout.split()
    if "src" in top:
        return "react"
    if "1-js" in top:
        return "tutorial"
    sys.exit(f"{path}: neither the React docs (src/content) nor the JavaScript tutorial (1-js)")


def source_tree(path: pathlib.Path, layout: str, scratch: pathlib.Path) -> pathlib.Path:
    """The layout's Markdown folder of a work tree, or of HEAD of a bare git directory,
    extracted to scratch."""
    folders = ["src/content"] if layout == "react" else None
    if layout == "react" and (path / "src" / "content").is_dir():
        return path / "src" / "content"
    if layout == "tutorial" and (path / "1-js").is_dir():
        return path
    if folders is None:
        top = subprocess.run(["git", "--git-dir", str(path), "ls-tree", "--name-only", "HEAD"],
                             capture_output=True, text=True, check=True).stdout.split()
        folders = [name for name in top if re.match(r"\d+-", name)]
    archive = subprocess.run(["git", "--git-dir", str(path), "archive", "HEAD", *folders],
                             capture_output=True, check=True).stdout
    scratch.mkdir(parents=True)
    subprocess.run(["tar", "-x", "-C", str(scratch)], input=archive, check=True)
    return scratch / "src" / "content" if layout == "react" else scratch


def target_name(relative: pathlib.PurePosixPath, layout: str) -> pathlib.PurePosixPath:
    """One folder a section, as the department's site: blog/2024/12/05/react-19.md becomes
    blog/2024-12-05-react-19.md; 1-js/02-first-steps/01-hello-world/article.md becomes
    1-js/02-first-steps-01-hello-world.md (task.md and solution.md keep their name at the end)."""
    parts = relative.parts
    if layout == "tutorial":
        if len(parts) <= 2:
            return relative
        tail = [] if relative.stem in ("article", "index") else [relative.stem]
        return pathlib.PurePosixPath(parts[0], "-".join([*parts[1:-1], *tail]) + ".md")
    if len(parts) <= 2:
        return relative
    return pathlib.PurePosixPath(parts[0], "-".join(parts[1:]))


def convert(sources: list[tuple[str, pathlib.Path]], out: pathlib.Path) -> dict[str, int]:
    content = out / "content"
    content.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    provenance = []  # what each language's pages were made from, for the benchmark's report
    with tempfile.TemporaryDirectory() as scratch:
        trees = [(lang, layout, source_tree(path, layout, pathlib.Path(scratch) / f"{index}"))
                 for index, (lang, path) in enumerate(sources) for layout in [layout_of(path)]]
        english = {layout: {p.relative_to(tree).as_posix(): p.read_text(encoding="utf-8") for p in tree.rglob("*.md")}
                   for lang, layout, tree in trees if lang == "en"}
        for (lang, layout, tree), (_, source) in zip(trees, sources):
            counts.setdefault(lang, 0)
            before = counts[lang]
            for path in sorted(tree.rglob("*.md")):
                relative = pathlib.PurePosixPath(path.relative_to(tree).as_posix())
                if layout == "tutorial" and len(relative.parts) < 2:
                    continue  # README, AUTHORING and such: about the repository, not the tutorial
                text = path.read_text(encoding="utf-8")
                if lang != "en" and english.get(layout, {}).get(relative.as_posix()) == text:
                    continue
                match = FRONT_MATTER.match(text)
                front, body = (match.group(1), text[match.end():]) if match else ("", text)
                heading = HEADING.match(body) if layout == "tutorial" else None
                if heading:
                    front, body = f"title: {heading.group(1)}", body[heading.end():]
                body = prose(body)
                if len(body) < 200 or (lang != "en" and script_share(body, lang) < 0.5):
                    continue
                title = title_of(front, relative.stem)
                target = content / lang / target_name(relative, layout)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n---\n{body}", encoding="utf-8")
                counts[lang] += 1
            git_dir = source if not (source / ".git").exists() else source / ".git"
            commit = subprocess.run(["git", "--git-dir", str(git_dir), "rev-parse", "HEAD"],
                                    capture_output=True, text=True).stdout.strip() or "?"
            provenance.append(f"{lang} {layout} {source.resolve().parent.name if source.name == 'repo' else source.name} "
                              f"{commit[:12]} {counts[lang] - before}")
    (out / "sources.txt").write_text("\n".join(provenance) + "\n", encoding="utf-8")
    codes = {lang for lang, _ in sources}
    languages = [(code, name, locale, direction) for code, name, locale, direction in LANGUAGES if code in codes]
    lines = ["title:"] + [f"  {code}: {json.dumps(TITLES[code], ensure_ascii=False)}" for code, *_ in languages]
    lines += ["baseURL: https://docs-corpus.example/", f"defaultLanguage: {'en' if 'en' in codes else languages[0][0]}",
              "languages:"]
    for code, name, locale, direction in languages:
        lines.append(f"  - code: {code}\n    name: {name}\n    locale: {locale}" + (f"\n    dir: {direction}" if direction else ""))
    lines += ["channels: []", "fallbackPages: false", "search: true"]
    (content / "site.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True, help="folder to write content/ into (outside the repository)")
    parser.add_argument("sources", nargs="+", metavar="LANG=PATH")
    args = parser.parse_args()
    sources = []
    for item in args.sources:
        lang, _, path = item.partition("=")
        if lang not in TITLES or not path:
            sys.exit(f"expected LANG=PATH with LANG one of {', '.join(TITLES)}: {item}")
        sources.append((lang, pathlib.Path(path)))
    counts = convert(sources, pathlib.Path(args.out))
    print(" ".join(f"{lang} {n}" for lang, n in counts.items()), "pages")


if __name__ == "__main__":
    main()
