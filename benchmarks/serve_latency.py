"""Benchmark: how long an edit takes to reach the browser in `serve`.

    python benchmarks/serve_latency.py [--pages 1000] [--edits 10]

Generates the synthetic corpus (benchmarks/generate.py) into benchmarks/_work/serve-N/, starts
the dev server on 127.0.0.1, listens to its reload events as the browser's script does, then
saves one page at a time (appending a sentence) and measures, for each save, the time from the
file write to the reload event, and to the edited page fetched with the new sentence in it.
Between edits it waits for the background lint of the previous build to finish, as a person
reading the preview would. Prints the median and worst of each, and the lint-panel update time.
"""

from __future__ import annotations

import argparse
import http.client
import shutil
import statistics
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

from clinicsite.config import Overrides  # noqa: E402
from clinicsite.serve import DevServer, start_server  # noqa: E402


class EventListener(threading.Thread):
    """Reads the server's event stream; records when each reload and lint event arrives."""

    def __init__(self, server: DevServer) -> None:
        super().__init__(daemon=True)
        host, port = server.http.server_address[:2]
        self.connection = http.client.HTTPConnection(str(host), int(port), timeout=120)
        self.events: list[tuple[str, float]] = []
        self.arrived = threading.Condition()

    def run(self) -> None:
        self.connection.request("GET", "/__clinicsite/events")
        response = self.connection.getresponse()
        kind = ""
        while True:
            line = response.readline()
            if not line:
                return
            text = line.decode().strip()
            if text.startswith("event: "):
                kind = text.removeprefix("event: ")
            elif text.startswith("data: ") and kind:
                with self.arrived:
                    self.events.append((kind, time.perf_counter()))
                    self.arrived.notify_all()
                kind = ""

    def wait_for(self, kind: str, after: float, timeout: float = 120) -> float:
        deadline = time.perf_counter() + timeout
        with self.arrived:
            while True:
                for name, when in self.events:
                    if name == kind and when > after:
                        return when
                if not self.arrived.wait(max(deadline - time.perf_counter(), 0)):
                    raise TimeoutError(f"no {kind} event")


def fetch(server: DevServer, path: str) -> str:
    host, port = server.http.server_address[:2]
    connection = http.client.HTTPConnection(str(host), int(port), timeout=30)
    connection.request("GET", path)
    body = connection.getresponse().read().decode()
    connection.close()
    return body


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=10)
    args = parser.parse_args()
    site = HERE / "_work" / f"serve-{args.pages}"
    shutil.rmtree(site, ignore_errors=True)
    generate(site, args.pages)
    server = start_server(site, Overrides(), port=0)
    try:
        listener = EventListener(server)
        listener.start()
        listener.wait_for("lint", 0.0)  # the first build and its lint are done
        pages = sorted((site / "content" / "conditions").glob("*.md"))
        to_reload, to_page, to_lint = [], [], []
        for number in range(args.edits):
            page = pages[number * 7 % len(pages)]
            sentence = f"Edited sentence number {number}."
            started = time.perf_counter()
            page.write_text(page.read_text("utf-8") + f"\n{sentence}\n", "utf-8")
            reloaded = listener.wait_for("reload", started)
            html = fetch(server, f"/conditions/{page.stem}/")
            fetched = time.perf_counter()
            if sentence not in html:
                raise SystemExit(f"the reloaded page does not show the edit to {page.name}")
            linted = listener.wait_for("lint", reloaded)
            to_reload.append(reloaded - started)
            to_page.append(fetched - started)
            to_lint.append(linted - started)
            time.sleep(0.3)
    finally:
        server.close()
    print(f"serve, {args.pages} pages, {args.edits} edits (save -> ...):")
    for label, times in (("reload event", to_reload), ("edited page fetched", to_page),
                         ("lint panel updated", to_lint)):
        print(f"  {label:20} median {statistics.median(times) * 1000:6.0f} ms, "
              f"worst {max(times) * 1000:6.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
