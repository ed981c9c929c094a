"""The editor's loop in a real browser: `dossier serve` rebuilds on a save and the open page follows.

A copy of the real Content/ and Templates/ is served on a free loopback port; the test edits a
note on disk and sees the article change without reloading it itself; breaks the note and sees the
error overlay with the file's path and line; fixes it and sees the overlay go.
"""
import re
import shutil
import subprocess

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from test_site import ROOT, SHOTS, dossier_binary, make_driver


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    root = tmp_path_factory.mktemp("serve")
    shutil.copytree(ROOT / "Content", root / "Content")
    shutil.copytree(ROOT / "Templates", root / "Templates")
    process = subprocess.Popen([dossier_binary(), "serve", "--port", "0", "--content", str(root / "Content"),
                                "--templates", str(root / "Templates")],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = process.stdout.readline()
    match = re.search(r"serving (http://\S+)", line)
    assert match, f"dossier serve said: {line!r}"
    yield root, match.group(1)
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def driver():
    d = make_driver(1280)
    yield d
    d.quit()


def test_a_saved_note_reloads_the_page_and_a_broken_one_shows_the_overlay(preview, driver):
    root, address = preview
    note = sorted((root / "Content" / "annotations").glob("*.md"))[0]
    original = note.read_text(encoding="utf-8")
    article = next((root / "Content" / "articles").glob("*.md")).stem
    driver.get(f"{address}articles/{article}.html")
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
    # Set on this page only: a reload the test did not ask for clears it.
    driver.execute_script("window.dossierTestMarker = 1")

    added = "جملة أضافها المحرر للتو."
    note.write_text(original.rstrip("\n") + "\n\n" + added + "\n", encoding="utf-8")
    WebDriverWait(driver, 5, poll_frequency=0.1).until(lambda d: added in d.page_source)
    assert driver.execute_script("return window.dossierTestMarker") is None, "the page reloaded by itself"

    # A list left open in the front matter: the build fails and the page shows why, where.
    lines = original.split("\n")
    lines.insert(1, "entities: [russia")
    note.write_text("\n".join(lines), encoding="utf-8")
    overlay = WebDriverWait(driver, 5, poll_frequency=0.1).until(
        lambda d: d.find_elements(By.ID, "dossier-build-errors") or False)[0]
    text = overlay.text
    assert re.search(rf"annotations/{re.escape(note.name)}:\d+:\d+", text), text
    assert "hint:" in text and "entities: [russia" in text, text
    assert added in driver.page_source, "the last good build stays on the page"
    SHOTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SHOTS / "serve-build-error-1280.png"))

    note.write_text(original, encoding="utf-8")
    WebDriverWait(driver, 5, poll_frequency=0.1).until(lambda d: not d.find_elements(By.ID, "dossier-build-errors"))
    WebDriverWait(driver, 5, poll_frequency=0.1).until(lambda d: added not in d.page_source)


def test_the_reload_script_is_never_in_the_published_site():
    pages = [p for p in (ROOT / "Public").rglob("*.html") if "__dossier" in p.read_text(encoding="utf-8")]
    assert not pages
