"""The dashboard in real headless Chromium: tests/e2e/dashboard.mjs (playwright-core) against
the app served by uvicorn on loopback, at 1280×900 and 390×844, over a store built from
../shared: the seed pages plus news pages that have no headline.

Needs Debian's chromium and `npm ci` at the repository root (.ci/run installs both). Skipped
with a message when they are missing on a developer machine; in CI (``CI=true``) it fails
instead, so the suite cannot go green without it. The screenshots are checked here (as wide
as the viewport, not blank) and copied to out/screenshots/.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import struct
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from conftest import in_ci
from sukien.api.app import create_app

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "tests" / "e2e" / "dashboard.mjs"
CHROMIUM = os.environ.get("SUKIEN_CHROMIUM", "/usr/bin/chromium")


def _requirements() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"no Chromium at {CHROMIUM} (apt-get install chromium, or set SUKIEN_CHROMIUM)"
    if shutil.which("node") is None:
        return "node is not installed"
    if not (ROOT / "node_modules" / "playwright-core").is_dir():
        return "playwright-core is not installed (run `npm ci --ignore-scripts` at the repository root)"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def browser_ready() -> None:
    """Chromium, node and playwright-core are there: checked before the store is built."""
    missing = _requirements()
    if missing:
        if in_ci():
            pytest.fail(f"CI=true but the browser test cannot run: {missing}")
        pytest.skip(missing)


@pytest.fixture
def live_server(browser_ready: None, trust_store: Path) -> Iterator[str]:
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(str(trust_store)), host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def png_size(path: Path) -> tuple[int, int]:
    """(width, height) from a PNG's header."""
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", path
    return struct.unpack(">II", data[16:24])


def test_web_e2e_dashboard_in_chromium(live_server: str, tmp_path: Path) -> None:
    shots = tmp_path / "screenshots"
    env = {**os.environ, "BASE_URL": live_server, "SCREENSHOTS": str(shots), "CHROMIUM": CHROMIUM}
    proc = subprocess.run(["node", str(SCRIPT)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=480)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    assert lines, f"no report from the browser script: {proc.stdout}\n{proc.stderr}"
    report = json.loads(lines[-1])
    assert proc.returncode == 0 and report["ok"], report
    for name in ("desktop", "mobile"):
        seen = report["sizes"][name]
        assert seen["search_hits"] > 0 and seen["graph"]["nodes"] > 1 and seen["dyad"]["months"] > 0, seen
        assert "hội đàm" in seen["opened"]["sentence"].lower()
        assert seen["timeline_links"] > 0 and seen["search_links"] > 0 and seen["quote_links"] > 0
        assert seen["graph"]["minPx"] >= 11 and seen["graph"]["overlaps"] == 0
    assert report["sizes"]["desktop"]["search_grouped"] > 0  # some sentence holds several events, shown once
    keep = ROOT / "out" / "screenshots"
    keep.mkdir(parents=True, exist_ok=True)
    assert len(report["screenshots"]) == 2 * 8
    for shot in report["screenshots"]:
        path = Path(shot["path"])
        width, height = png_size(path)
        assert width == shot["width"], f"{path.name}: {width}px wide in a {shot['width']}px viewport (overflow)"
        assert height >= shot["height"] - 1, (path.name, height)
        assert shot["decoded"] == [width, height] and shot["colours"] >= 8, shot  # decoded pixels: not blank
        shutil.copy(path, keep / path.name)
    print("screenshots:", keep)
