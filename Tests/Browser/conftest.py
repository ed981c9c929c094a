"""Tells the person running the tests where the browser tests left their screenshots."""
from test_site import SHOTS


def pytest_terminal_summary(terminalreporter):
    terminalreporter.write_line(f"screenshots of the cover, the article, an entity page and the relation maps at 360 and 1280 px: {SHOTS}")
