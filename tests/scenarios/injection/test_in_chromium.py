"""Promise: « a page with hostile values runs no injected script » — checked in Chromium, twice.

Every text field of the contract (``contract_walk``) holds payloads that call ``__pwn(...)``, a function the
test exposes to the page. Every page of the microsite and of the landlord site is opened:

- with the pages' Content-Security-Policy bypassed, so that escaping alone is tested;
- with it, as tenants get them, where the policy must also report no violation by our own scripts.

A last test writes an inline script and an event handler into a built page by hand (as a missed escape
would): the policy alone must stop both.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from generator.contract.project import load_project
from generator.publish.site import build_site
from scenarios.contract_walk import documents
from scenarios.injection.test_every_text_field import write_project

TODAY = date(2026, 12, 2)
PAYLOADS = ["X<img src=x onerror=__pwn({n})>", "X<script>__pwn({n})</script>", '"><svg onload=__pwn({n})>',
            "</title><script>__pwn({n})</script>", "' onfocus='__pwn({n})' autofocus='",
            '" onmouseover="__pwn({n})', "</script><script>__pwn({n})</script>"]
"""Short enough for the posters, which refuse what does not fit; fields take them in turn."""
MARKDOWN = ' [lien](javascript:__pwn({n})) <a href="javascript:__pwn({n})">a</a><img src=x onerror=__pwn({n})>'

# Collects violations reported by the browser, before any page script runs.
WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation",
  e => window.__violations.push(e.violatedDirective + " " + e.blockedURI + " " + (e.sample || "")));
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    count = iter(range(10_000))

    def text_for(path: str, markdown: bool) -> str:
        n = next(count)
        return (PAYLOADS[n % len(PAYLOADS)] + (MARKDOWN if markdown else "")).format(n=n)

    config, residence = documents(text_for, TODAY)
    root = write_project(tmp_path_factory.mktemp("chromium"), config, residence)
    out = root / "site"
    build_site(load_project(root), out, TODAY, jobs=1)
    return out


def pages(site: Path) -> list[str]:
    return sorted(str(p.relative_to(site).parent.as_posix()) + "/" if p.name == "index.html"
                  else p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def visit_all(browser: Any, base: str, site: Path, *, bypass_csp: bool) -> tuple[list[str], list[str]]:
    context = browser.new_context(bypass_csp=bypass_csp)
    called: list[str] = []
    context.expose_function("__pwn", lambda *args: called.append(repr(args)))
    context.add_init_script(WATCH)
    page = context.new_page()
    violations: list[str] = []
    for path in pages(site):
        page.goto(f"{base}/{path.removeprefix('./')}", wait_until="load")
        page.keyboard.press("Tab")  # focus handlers, if any had been injected, fire on focus
        page.wait_for_timeout(50)
        violations += [f"{path}: {v}" for v in page.evaluate("window.__violations")]
    context.close()
    return called, violations


def test_no_injected_script_runs_when_escaping_alone_protects(browser, serve, hostile_site: Path) -> None:  # type: ignore[no-untyped-def]
    called, _ = visit_all(browser, serve(hostile_site), hostile_site, bypass_csp=True)
    assert called == []


def test_no_injected_script_runs_and_no_policy_violation_as_tenants_load_pages(
        browser, serve, hostile_site: Path) -> None:  # type: ignore[no-untyped-def]
    called, violations = visit_all(browser, serve(hostile_site), hostile_site, bypass_csp=False)
    assert called == []
    assert violations == []


def test_the_policy_alone_stops_a_script_that_escaping_would_have_missed(
        browser, serve, hostile_site: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page_file = hostile_site / "hostile" / "index.html"
    html = page_file.read_text(encoding="utf-8")
    broken = html.replace('<div id="contenu"', '<script>__pwn("inline")</script>'
                          '<img src=x onerror=\'__pwn("handler")\'><div id="contenu"', 1)
    assert broken != html
    page_file.write_text(broken, encoding="utf-8")
    try:
        context = browser.new_context()
        called: list[str] = []
        context.expose_function("__pwn", lambda *args: called.append(repr(args)))
        context.add_init_script(WATCH)
        page = context.new_page()
        page.goto(serve(hostile_site) + "/hostile/", wait_until="load")
        page.wait_for_timeout(100)
        violations = page.evaluate("window.__violations")
        context.close()
    finally:
        page_file.write_text(html, encoding="utf-8")
    assert called == []
    assert any(v.startswith("script-src") for v in violations), violations
