"""Relation maps in headless Chromium: an entity page's map and the entity index's strongest ties.

The maps are inline SVG drawn at build time (`partials/relation-map.mustache`); here a reader at
360 px and 1280 px sees them whole, with Arabic labels laid out right to left in the site's font,
each node a link to a page that exists, and axe-core finds nothing serious. A screenshot of each
map goes to the screenshots folder.
"""
import itertools
import re
import urllib.parse
import urllib.request

import pytest
from axe_selenium_python import Axe
from selenium.webdriver.common.by import By

from test_site import PUBLIC, SHOTS, WIDTHS, browser, make_driver, open_page, server  # noqa: F401 (browser and server are fixtures)

ENTITY = "entities/russia.html"
MAP_PAGES = [ENTITY, "entities/index.html"]
ARABIC = re.compile(r"[\u0600-\u06FF]")


def box(driver, el):
    # Page coordinates: the page scrolls smoothly, so a box in the viewport moves between two reads.
    return driver.execute_script("const r = arguments[0].getBoundingClientRect();"
                                 "return {l: r.left, r: r.right, t: r.top + scrollY, b: r.bottom + scrollY, w: r.width, h: r.height};", el)


def the_map(driver):
    maps = driver.find_elements(By.CSS_SELECTOR, ".relation-map svg")
    assert len(maps) == 1, "one relation map on the page"
    driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", maps[0])
    return maps[0]


def test_the_committed_site_has_maps_with_ties():
    for page in MAP_PAGES:
        html = (PUBLIC / page).read_text(encoding="utf-8")
        assert html.count("<svg") == 1 and "<line " in html, page


@pytest.mark.parametrize("page", MAP_PAGES)
def test_the_map_is_visible_whole_and_inside_the_viewport(browser, server, page):
    open_page(browser, server, page)
    svg = the_map(browser)
    assert svg.is_displayed()
    viewport = browser.execute_script("return document.documentElement.clientWidth")
    frame = box(browser, svg)
    assert 0 <= frame["l"] and frame["r"] <= viewport, f"{frame} in a {viewport}px viewport"
    assert frame["h"] > 150, frame
    labels = svg.find_elements(By.CSS_SELECTOR, "text")
    assert labels
    boxes = [box(browser, t) for t in labels]
    for label, b in zip(labels, boxes):
        # The build estimates each label's width to frame the map: no label is cut off.
        assert frame["l"] - 1 <= b["l"] and b["r"] <= frame["r"] + 1 and frame["t"] - 1 <= b["t"] and b["b"] <= frame["b"] + 1, \
            f"{label.get_attribute('textContent')!r} at {b} leaves the map {frame}"
    for (a, b), (la, lb) in zip(itertools.combinations(boxes, 2), itertools.combinations(labels, 2)):
        apart = a["r"] <= b["l"] + 1 or b["r"] <= a["l"] + 1 or a["b"] <= b["t"] + 1 or b["b"] <= a["t"] + 1
        assert apart, f"labels overlap: {la.get_attribute('textContent')!r} {a} and {lb.get_attribute('textContent')!r} {b}"
    # Readable on a phone: the labels' 16 units are drawn at least 11 px high.
    size = browser.execute_script("const s = arguments[0]; return 16 * s.getBoundingClientRect().width / s.viewBox.baseVal.width;", svg)
    assert size >= 11, f"labels drawn at {size:.1f}px"


@pytest.mark.parametrize("page", MAP_PAGES)
def test_labels_are_arabic_right_to_left_in_the_sites_font(browser, server, page):
    open_page(browser, server, page)
    svg = the_map(browser)
    for text in svg.find_elements(By.CSS_SELECTOR, "text"):
        content = text.get_attribute("textContent")
        assert ARABIC.search(content), content
        assert browser.execute_script("return getComputedStyle(arguments[0]).direction", text) == "rtl", content
        assert "Noto Sans Arabic" in browser.execute_script("return getComputedStyle(arguments[0]).fontFamily", text)
    assert browser.execute_script('return document.fonts.check(\'16px "Noto Sans Arabic"\')')
    browser.execute_cdp_cmd("DOM.enable", {})
    browser.execute_cdp_cmd("CSS.enable", {})
    root = browser.execute_cdp_cmd("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    node = browser.execute_cdp_cmd("DOM.querySelector", {"nodeId": root, "selector": ".relation-map tspan"})["nodeId"]
    fonts = {f["familyName"]: f for f in browser.execute_cdp_cmd("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]}
    assert "Noto Sans Arabic" in fonts and fonts["Noto Sans Arabic"]["isCustomFont"], fonts


@pytest.mark.parametrize("page", MAP_PAGES)
def test_every_node_is_a_named_link_that_resolves(browser, server, page):
    open_page(browser, server, page)
    svg = the_map(browser)
    links = svg.find_elements(By.CSS_SELECTOR, "a")
    circles = svg.find_elements(By.CSS_SELECTOR, "circle")
    assert links and len(links) == len(circles), "every node is a link"
    if page == ENTITY:
        assert len(links) <= 9, "the entity and at most eight neighbours"
        assert links[0].get_attribute("aria-current") == "page"
    for link in links:
        href = browser.execute_script("return arguments[0].getAttribute('href')", link)
        assert href and not href.startswith(("http:", "https:", "/")), f"relative link: {href}"
        target = urllib.parse.urljoin(server + page, href)
        assert urllib.request.urlopen(target).status == 200, target
        assert link.get_attribute("textContent").strip(), "the link is named by its label"
    # The list of ties for screen readers names each tie the map draws.
    ties = browser.find_elements(By.CSS_SELECTOR, "#relation-map-ties li")
    assert len(ties) == len(svg.find_elements(By.CSS_SELECTOR, "line"))
    assert svg.get_attribute("aria-describedby") == "relation-map-ties"


@pytest.mark.parametrize("page", MAP_PAGES)
def test_axe_finds_no_serious_or_critical_violation_around_the_map(browser, server, page):
    open_page(browser, server, page)
    axe = Axe(browser)
    axe.inject()
    results = axe.run()
    bad = [v for v in results["violations"] if v.get("impact") in ("serious", "critical")]
    assert not bad, "\n".join(f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}" for v in bad)


@pytest.mark.parametrize("page", MAP_PAGES)
def test_screenshot_of_the_map(browser, server, page):
    open_page(browser, server, page)
    figure = browser.find_element(By.CSS_SELECTOR, ".relation-map")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", figure)
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"relation-map-{page.replace('/', '_').removesuffix('.html')}-{browser.width}.png"
    assert figure.screenshot(str(path))
    assert path.stat().st_size > 5_000
