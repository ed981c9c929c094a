"""Measures Dossier's search in headless Chromium on a built site, and compares it with Pagefind.

    python Benchmarks/search.py SITE [--pagefind PATH] [--queries q1,q2,...]

SITE is a built dossier (Public/, or a benchmark output). The search page is first opened from
file:// once with each query, to warm the browser as a reader's earlier searches would (a fresh
browser's first page loads are slower for any page: its first query is printed on its own); then
each query runs --repeat times (default 3), and the time the page reports (from reading the query to
the results shown, shards loaded and decompressed included) is collected: a query's time is the
median of its runs, since a single run takes whatever pause the shared machine makes. The median
over the queries, the slowest query and the range of single runs are printed. With
--pagefind (the `pagefind` binary of PyPI's pagefind-bin), Pagefind indexes a copy of the site and
the same queries run through its JavaScript API over a local HTTP server (Pagefind fetches its
index, so it cannot run from file://); both tools' first results are printed side by side, with
both indexes' sizes. Run with the browser tests' environment (`make browser-deps`).
"""
import argparse
import functools
import http.server
import json
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "Tests" / "Browser"))
from test_site import make_driver  # noqa: E402

REAL_QUERIES = ["لروسيا", "روسيا", "اوكرانيا", "لأوكرانيا", "كوريا الشماليه", "الحرب البارده", "للصين", "مذكره بودابست", "veto", "Pyongyang"]
BENCH_QUERIES = ["المعاهدة", "للبرلمان", "الاهداف", "الاستراتيجيه", "والاقتصاد", "مصلحة الشعب", "الأسواق", "تحسين", "قرارات", "الوزارة"]


def size(folder):
    return sum(p.stat().st_size for p in pathlib.Path(folder).rglob("*") if p.is_file())


def dossier_results(driver, site, query):
    driver.get(pathlib.Path(site).resolve().as_uri() + "/search.html?q=" + urllib.parse.quote(query))
    deadline = time.time() + 60
    while driver.execute_script("return document.getElementById('search').dataset.done || null") != query:
        if time.time() > deadline:
            raise RuntimeError(f"no answer for {query}")
        time.sleep(0.005)
    elapsed = float(driver.execute_script("return document.getElementById('search').dataset.elapsed"))
    found = driver.execute_script("""return [document.querySelectorAll('.search-result').length,
        document.getElementById('search-status').textContent,
        Array.from(document.querySelectorAll('.search-result a')).slice(0, 3).map(a => a.getAttribute('href'))]""")
    return elapsed, found


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder):
    handler = functools.partial(QuietHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


def pagefind_results(driver, base, query):
    driver.get(base + "index.html")
    return driver.execute_async_script("""
        const [query, done] = [arguments[0], arguments[arguments.length - 1]];
        (async () => {
          const pagefind = await import('./pagefind/pagefind.js');
          await pagefind.init();
          const started = performance.now();
          const search = await pagefind.search(query);
          const top = await Promise.all(search.results.slice(0, 3).map(r => r.data()));
          const elapsed = performance.now() - started;
          done([elapsed, search.results.length, top.map(d => (d.sub_results && d.sub_results[0] ? d.sub_results[0].url : d.url))]);
        })().catch(e => done(['error', String(e), []]));""", query)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("site")
    parser.add_argument("--pagefind")
    parser.add_argument("--queries")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--repeat", type=int, default=3, help="measured runs of each query (after one warm-up); its time is their median")
    args = parser.parse_args()
    site = pathlib.Path(args.site)
    queries = args.queries.split(",") if args.queries else (REAL_QUERIES if (site / "entities" / "russia.html").exists() else BENCH_QUERIES)
    html = sum(p.stat().st_size for p in site.rglob("*.html"))
    print(f"site: {html / 1e6:.1f} MB of HTML; Dossier's index {size(site / 'search') / 1e6:.2f} MB "
          f"({100 * size(site / 'search') / html:.0f}%)")
    driver = make_driver(args.width)
    driver.set_script_timeout(120)
    try:
        # One pass over the queries warms the browser's caches (its compiled scripts, the files read).
        warm_up = [dossier_results(driver, site, q)[0] for q in queries]
        first = warm_up[0]
        times, singles, rows = [], [], []
        for q in queries:
            runs = [dossier_results(driver, site, q) for _ in range(args.repeat)]
            elapsed, found = statistics.median(r[0] for r in runs), runs[0][1]
            times.append(elapsed)
            singles += [r[0] for r in runs]
            rows.append([q, f"{elapsed:.1f}", found[1], found[2]])
        print(f"Dossier, {len(queries)} queries from file:// at {args.width}px, each the median of {args.repeat} runs: "
              f"median {statistics.median(times):.1f} ms, slowest query {max(times):.1f} ms; "
              f"single runs {min(singles):.1f}–{max(singles):.1f} ms, {sum(t > 50 for t in singles)} of {len(singles)} over 50 ms; "
              f"the fresh browser's first query, before the warm-up pass: {first:.1f} ms")
        if args.pagefind:
            copy = pathlib.Path(tempfile.mkdtemp(prefix="dossier-pagefind-"))
            shutil.copytree(site, copy / "site")
            started = time.time()
            subprocess.run([args.pagefind, "--site", str(copy / "site"), "--force-language", "ar"], check=True,
                           capture_output=True)
            took = time.time() - started
            print(f"Pagefind: indexed in {took:.1f} s, index {size(copy / 'site' / 'pagefind') / 1e6:.2f} MB "
                  f"({100 * size(copy / 'site' / 'pagefind') / html:.0f}% of the HTML)")
            httpd, base = serve(copy / "site")
            ptimes = []
            for row in rows:
                pagefind_results(driver, base, row[0])
                result = pagefind_results(driver, base, row[0])
                if result[0] != "error":
                    ptimes.append(result[0])
                row += [f"{result[0]:.1f}" if result[0] != "error" else "error", result[1], result[2]]
            httpd.shutdown()
            shutil.rmtree(copy)
            if ptimes:
                print(f"Pagefind, the same queries over HTTP: median {statistics.median(ptimes):.1f} ms, max {max(ptimes):.1f} ms")
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
