"""Promise: « nothing from a third-party host », even on a phone too old for ResizeObserver.

Material's bundle fetches a polyfill from unpkg.com when ``window.ResizeObserver`` is missing (iOS Safari
< 13.4, Chrome < 64). The test deletes it before any page script runs and loads pages of the samples: every
request stays on the local server, our own polyfill stands in, and the page still works (the drawer menu
opens, search answers).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

OLD_BROWSER = "delete window.ResizeObserver; delete window.ResizeObserverEntry;"


def test_an_old_browser_without_resize_observer_requests_nothing_from_other_hosts(
        browser, serve, sample_site: Path) -> None:  # type: ignore[no-untyped-def]
    base = serve(sample_site)
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.add_init_script(OLD_BROWSER)
    hosts: list[str] = []
    errors: list[str] = []
    context.on("request", lambda request: hosts.append(request.url))
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    for path in ("/", "/les-tilleuls/", "/les-tilleuls/gardien/"):
        page.goto(base + path, wait_until="networkidle")
        assert page.evaluate("typeof window.ResizeObserver") == "function"
        assert "resize-observer.js" in page.evaluate(
            "[...document.scripts].map(s => s.src).join(' ')")
    page.goto(base + "/les-tilleuls/", wait_until="networkidle")
    page.locator("label[for=__search]").first.click()
    page.locator("input.md-search__input").press_sequentially("gardien", delay=30)
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    context.close()
    others = sorted({urlparse(url).netloc for url in hosts} - {urlparse(base).netloc})
    assert others == []
    assert errors == []
    assert any(urlparse(url).path == "/javascripts/resize-observer.js" for url in hosts)


def test_without_the_polyfill_material_would_have_called_unpkg(browser, serve, sample_site: Path,
                                                               tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The check above can fail: with our script blocked, the old-browser branch asks unpkg.com.

    The page's CSP would refuse that script too (a second line of defence): it is bypassed here to show
    the request Material's bundle makes without our polyfill.
    """
    base = serve(sample_site)
    context = browser.new_context(bypass_csp=True)
    context.add_init_script(OLD_BROWSER)
    asked: list[str] = []
    context.route("**/resize-observer.js?*", lambda route: route.abort())  # linked with its version
    context.route("https://unpkg.com/**", lambda route: (asked.append(route.request.url), route.abort()))
    page = context.new_page()
    page.goto(base + "/les-tilleuls/", wait_until="load")
    page.wait_for_timeout(500)
    context.close()
    assert any("unpkg.com/resize-observer-polyfill" in url for url in asked), asked


OLDER_BROWSER = OLD_BROWSER + " delete window.IntersectionObserver; delete window.IntersectionObserverEntry;"
"""iOS Safari 12.0 and 12.1 (and Chrome < 51): no ResizeObserver nor IntersectionObserver."""


def test_a_phone_without_intersection_observer_shows_no_script_error(
        browser, serve, sample_site: Path) -> None:  # type: ignore[no-untyped-def]
    """Material's bundle made an IntersectionObserver on every page with it (« IntersectionObserver is not a
    constructor »): our file of old-browser stand-ins makes one too, and the pages ask no other host."""
    base = serve(sample_site)
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.add_init_script(OLDER_BROWSER)
    hosts: list[str] = []
    errors: list[str] = []
    context.on("request", lambda request: hosts.append(request.url))
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
    for path in ("/", "/les-tilleuls/", "/les-tilleuls/faq/", "/equipe/", "/posters/", "/404.html"):
        page.goto(base + path, wait_until="networkidle")
        page.mouse.wheel(0, 2000)
        page.wait_for_timeout(200)
    context.close()
    assert sorted({urlparse(url).netloc for url in hosts} - {urlparse(base).netloc}) == []
    assert errors == []
