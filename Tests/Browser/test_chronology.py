"""The chronology page of the committed Public/ in headless Chromium at phone and desktop widths:
right to left, nothing scrolling sideways, the time line on the reading side, events in order under
their years, no serious or critical axe-core violation, and a screenshot of each width."""

import pytest
from axe_selenium_python import Axe
from selenium.webdriver.common.by import By

from test_site import PUBLIC, SHOTS, WIDTHS, make_driver, open_page, server  # noqa: F401 (server is a fixture)

PAGE = "chronology/index.html"


@pytest.fixture(scope="module", params=WIDTHS, ids=lambda w: f"{w}px")
def driver(request):
    driver = make_driver(request.param)
    driver.width = request.param
    yield driver
    driver.quit()


def test_the_chronology_is_built():
    assert (PUBLIC / PAGE).is_file(), "the real dossier has dated events"


def test_it_reads_right_to_left_without_sideways_scrolling(driver, server):
    open_page(driver, server, PAGE)
    assert driver.execute_script("return getComputedStyle(document.body).direction") == "rtl"
    widths = driver.execute_script("return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], f"the chronology is {widths[0]}px wide in a {widths[1]}px viewport"
    for el in driver.find_elements(By.CSS_SELECTOR, '[lang="en"]'):
        assert driver.execute_script("return getComputedStyle(arguments[0]).direction", el) == "ltr"


def test_the_time_line_runs_down_the_reading_side(driver, server):
    open_page(driver, server, PAGE)
    lists = driver.find_elements(By.CSS_SELECTOR, ".chronology-list")
    assert lists
    style = driver.execute_script(
        "const s = getComputedStyle(arguments[0]); return [s.borderRightWidth, s.borderLeftWidth];", lists[0])
    assert style == ["2px", "0px"], f"in a right-to-left page the line is on the right: {style}"
    # Each event's dot sits on the line, at the right edge of its list.
    box = driver.execute_script("""
        const li = arguments[0].querySelector('li'), list = arguments[0].getBoundingClientRect();
        const dot = getComputedStyle(li, '::before');
        const right = li.getBoundingClientRect().right - parseFloat(dot.right) ;
        return [right, list.right];""", lists[0])
    assert abs(box[0] - box[1]) < 12, box


def test_events_are_in_order_under_their_years(driver, server):
    open_page(driver, server, PAGE)
    years = [h.text for h in driver.find_elements(By.CSS_SELECTOR, ".chronology-year h2")]
    assert years == sorted(years, key=int) and len(years) == len(set(years))
    key = lambda d: tuple(int(p) for p in d.split("-")) + (0,) * (3 - len(d.split("-")))
    for section in driver.find_elements(By.CSS_SELECTOR, ".chronology-year"):
        year = section.find_element(By.CSS_SELECTOR, "h2").text
        dates = [t.get_attribute("datetime") for t in section.find_elements(By.CSS_SELECTOR, "time")]
        assert dates and all(d.startswith(year) for d in dates)
        assert dates == sorted(dates, key=key)
    signing = driver.find_element(By.CSS_SELECTOR, 'time[datetime="2024-06-19"]')
    assert signing.text == "19 يونيو 2024"


def test_axe_finds_no_serious_or_critical_violation(driver, server):
    open_page(driver, server, PAGE)
    axe = Axe(driver)
    axe.inject()
    results = axe.run()
    bad = [v for v in results["violations"] if v.get("impact") in ("serious", "critical")]
    assert not bad, "\n".join(f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}" for v in bad)


def test_screenshot(driver, server):
    open_page(driver, server, PAGE)
    height = driver.execute_script("return document.documentElement.scrollHeight")
    metrics = {"width": driver.width, "height": min(height, 6000), "deviceScaleFactor": 1, "mobile": driver.width < 600}
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"chronology-{driver.width}.png"
    driver.save_screenshot(str(path))
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", dict(metrics, height=900))
    assert path.stat().st_size > 10_000
