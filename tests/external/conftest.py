"""Both example sites built once, served on 127.0.0.1, for the checks by outside tools."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from clinicsite.cli import main
from tests.conftest import BUILD_DATE, REPO

SITES = {"clinic": REPO, "academy": REPO / "examples" / "academy"}


@dataclass(frozen=True)
class ServedSite:
    """A built example site and the local address it is served at."""

    name: str
    output: Path
    url: str

    def pages(self) -> list[str]:
        """Site paths of every HTML page ('/', '/conditions/neck-pain/', '/404.html')."""
        paths = []
        for html in sorted(self.output.rglob("*.html")):
            relative = html.relative_to(self.output).as_posix()
            if relative.endswith("index.html"):
                paths.append("/" + relative.removesuffix("index.html"))
            else:
                paths.append("/" + relative)
        return paths


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="session")
def built_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    outputs = {}
    for name, site in SITES.items():
        if not (site / "site_config.yaml").is_file():
            continue
        output = tmp_path_factory.mktemp(name) / "output"
        assert main(["build", "--site", str(site), "--output", str(output), "--build-date",
                     BUILD_DATE]) == 0
        outputs[name] = output
    return outputs


@pytest.fixture(scope="session")
def served_sites(built_sites: dict[str, Path]) -> Iterator[dict[str, ServedSite]]:
    servers = []
    served = {}
    for name, output in built_sites.items():
        handler = functools.partial(_QuietHandler, directory=str(output))
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        served[name] = ServedSite(name, output, f"http://127.0.0.1:{server.server_address[1]}")
    try:
        yield served
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()


@pytest.fixture(scope="session")
def served_under_sub_path(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    """The clinic built for https://example.org/clinic/ and served from /clinic/."""
    root = tmp_path_factory.mktemp("subpath")
    output = root / "clinic"
    assert main(["build", "--site", str(REPO), "--output", str(output), "--build-date",
                 BUILD_DATE, "--base-url", "https://example.org/clinic/"]) == 0
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield ServedSite("clinic-sub-path", output,
                         f"http://127.0.0.1:{server.server_address[1]}/clinic")
    finally:
        server.shutdown()
        server.server_close()
