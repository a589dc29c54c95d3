"""The dashboard in real headless Chromium: tests/e2e/dashboard.mjs (playwright-core) against
the app served by uvicorn on loopback, over a store built from ../shared/seeds.

Needs Debian's chromium and `npm ci` at the repository root (.ci/run installs both); skipped
with a message otherwise. Screenshots go to the test's tmp folder and are copied to
out/screenshots/.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

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
def live_server(api_stores: dict[str, Path]) -> Iterator[str]:
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(str(api_stores["corpus"])), host="127.0.0.1", port=port,
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


def test_web_e2e_dashboard_in_chromium(live_server: str, tmp_path: Path) -> None:
    missing = _requirements()
    if missing:
        pytest.skip(missing)
    shots = tmp_path / "screenshots"
    env = {**os.environ, "BASE_URL": live_server, "SCREENSHOTS": str(shots), "CHROMIUM": CHROMIUM}
    proc = subprocess.run(["node", str(SCRIPT)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=240)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    assert lines, f"no report from the browser script: {proc.stdout}\n{proc.stderr}"
    report = json.loads(lines[-1])
    assert proc.returncode == 0 and report["ok"], report
    assert report["search_hits"] > 0 and report["graph_nodes"] > 1 and report["dyad_months"] > 0
    assert "hội đàm" in report["opened"]["sentence"].lower()
    keep = ROOT / "out" / "screenshots"
    keep.mkdir(parents=True, exist_ok=True)
    for shot in report["screenshots"]:
        assert Path(shot).stat().st_size > 10_000, shot
        shutil.copy(shot, keep / Path(shot).name)
    print("screenshots:", ", ".join(str(keep / Path(s).name) for s in report["screenshots"]))
