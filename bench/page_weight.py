"""What a family's phone downloads on a first visit to each family page, measured in real Chromium.

Starts the portal as it runs in production — gunicorn (deploy/gunicorn.conf.py), production
settings, collectstatic with WhiteNoise's compressed manifest storage — on a throwaway SQLite
database seeded with the demo, then opens every family-facing page in a fresh browser context
(empty cache) and adds up the bytes that came over the wire: compressed bodies as sent (gzip for
static files, from WhiteNoise) plus response headers. Budget (docs/architecture.md): under 150 KB
on first load, under 30 KB of it JavaScript. Exits non-zero if a page is over or not served.

    make bench-pages

Needs Chromium (`apt-get install chromium`); Playwright drives it, no browser download.
"""

import os
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import server

BUDGET_TOTAL, BUDGET_JS = 150 * 1024, 30 * 1024
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--no-first-run"]


def pages(prepared: dict) -> list[tuple[str, str, str | None]]:
    """(label, path, session) for every family-facing page."""
    by_name = {person["name"]: person["session"] for person in prepared["family"]}
    writer = prepared["writer"]["session"]
    child = by_name.get("Mia Lewis-Nowak", writer)
    return [
        ("home (guides)", "/", None),
        ("guide", "/what-is-a-family-group-meeting/", None),
        ("guide, Polish", "/pl/what-is-a-family-group-meeting/", None),
        ("guide, Arabic (RTL)", "/ar/what-is-a-family-group-meeting/", None),
        ("jargon buster", "/jargon-buster/", None),
        ("personal link", f"/f/{prepared['writer']['token']}", None),
        ("enter your code", "/f/code/", prepared["pending"]),
        ("my meeting", "/f/meeting/", writer),
        ("reply", "/f/meeting/reply/", writer),
        ("times", "/f/meeting/times/", writer),
        ("plan", "/f/plan/", writer),
        ("write the plan", "/f/plan/write/", writer),
        ("child's voice", "/f/child/", child),
        ("help (support)", "/f/help/", writer),
        ("signed out", "/f/signed-out/", None),
    ]


def weigh(browser, base_url: str, path: str, session: str | None, cookie_name: str) -> dict:
    context = browser.new_context()  # a new context has an empty cache
    if session:
        context.add_cookies([{"name": cookie_name, "value": session, "url": base_url}])
    page = context.new_page()
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    response = page.goto(base_url + path, wait_until="load")
    page.wait_for_load_state("networkidle")
    result = {"status": response.status, "final": page.url, "total": 0, "js": 0, "html": 0, "css": 0, "other": 0}
    encodings = set()
    for request in finished:
        sizes = request.sizes()
        size = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        result["total"] += size
        kind = request.resource_type
        bucket = {"script": "js", "document": "html", "stylesheet": "css"}.get(kind, "other")
        result[bucket] += size
        served = request.response()
        if served and kind in ("script", "stylesheet"):
            encodings.add(served.headers.get("content-encoding", "none"))
    result["requests"] = len(finished)
    result["static_encoding"] = ",".join(sorted(encodings)) or "-"
    context.close()
    return result


def main():
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    if not chromium:
        sys.exit("Chromium is needed: apt-get install chromium")
    keep = bool(os.environ.get("BENCH_KEEP"))
    with server.workspace(keep=keep) as folder:
        port = server.free_port()
        env = server.production_env(
            folder=folder,
            port=port,
            database_url=f"sqlite:///{folder / 'db.sqlite3'}",
            # Plain http on this machine: no redirect to https, and no Secure flag the browser would refuse.
            SECURE_SSL_REDIRECT="false",
            WEB_CONCURRENCY="2",
        )
        print(f"Preparing (migrate, collectstatic, demo data) in {folder} ...", flush=True)
        prepared = server.prepare(env, folder / "prepare.log")
        with server.running(env, folder, worker=False) as base_url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            rows = [
                (label, path, weigh(browser, base_url, path, session, prepared["session_cookie"]))
                for label, path, session in pages(prepared)
            ]
            browser.close()

    print(f"\nFirst load, empty cache, bytes over the wire (bodies as sent + headers), Chromium {chromium}")
    header = f"{'page':<22} {'status':>6} {'reqs':>5} {'HTML':>7} {'CSS':>7} {'JS':>7} {'other':>7} {'total KB':>9}"
    print(header + "  static encoding")
    failed = []
    for label, _path, r in rows:
        kb = {key: r[key] / 1024 for key in ("html", "css", "js", "other", "total")}
        print(
            f"{label:<22} {r['status']:>6} {r['requests']:>5} {kb['html']:7.1f} {kb['css']:7.1f} {kb['js']:7.1f} "
            f"{kb['other']:7.1f} {kb['total']:9.1f}  {r['static_encoding']}"
        )
        if r["status"] != 200 or r["total"] >= BUDGET_TOTAL or r["js"] >= BUDGET_JS:
            failed.append(label)
    heaviest = max(rows, key=lambda row: row[2]["total"])
    most_js = max(rows, key=lambda row: row[2]["js"])
    print(
        f"\nHeaviest: {heaviest[0]} {heaviest[2]['total'] / 1024:.1f} KB (budget 150 KB); "
        f"most JavaScript: {most_js[0]} {most_js[2]['js'] / 1024:.1f} KB (budget 30 KB)"
    )
    if failed:
        print(f"Over budget or not served: {', '.join(failed)}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
