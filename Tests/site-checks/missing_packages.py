#!/usr/bin/env python3
"""Prints those of the given PyPI requirements (NAME or NAME==VERSION) that are not installed, so
`make site-checks` installs only what is missing."""
import importlib.metadata
import sys

for requirement in sys.argv[1:]:
    name, _, version = requirement.partition("==")
    try:
        installed = importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        installed = None
    if installed is None or (version and installed != version):
        print(requirement)
