"""Hardening: validation errors, read-only store, static files confined to the web folder,
security headers, no CORS by default, request-size limits."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from fastapi.testclient import TestClient

from sukien.api.app import CSP, WEB_DIR, create_app
from sukien.api.db import StoreNotFound


@pytest.fixture(scope="module")
def client(api_stores: dict[str, Path]) -> Iterator[TestClient]:
    with TestClient(create_app(str(api_stores["corpus"]))) as c:
        yield c


@pytest.mark.parametrize("url, field", [
    ("/api/events?limit=501", "limit"),
    ("/api/events?limit=0", "limit"),
    ("/api/events?offset=-1", "offset"),
    ("/api/events?quad_class=5", "quad_class"),
    ("/api/events?root=21", "root"),
    ("/api/events?root=abc", "root"),
    ("/api/events?modality=maybe", "modality"),
    ("/api/events?negated=perhaps", "negated"),
    ("/api/events?date_from=2022-13", "date_from"),
    ("/api/events?date_from=2022-02-30", "date_from"),
    ("/api/events?date_from=yesterday", "date_from"),
    ("/api/events?date_from=2023&date_to=2022", "date_to"),
    ("/api/events?dyad=RUS", "dyad"),
    ("/api/events?actor=RUS%3BDROP", "actor"),
    ("/api/events?order=random", "order"),
    ("/api/events?quadclass=1", "quadclass"),
    ("/api/timeline?limit=1000", "limit"),
    ("/api/dyads/series?a=RUS", "b"),
    ("/api/dyads/series?a=RUS&b=BLR&by=week", "by"),
    ("/api/graph?level=planet", "level"),
    ("/api/graph?min_events=0", "min_events"),
    ("/api/actors?kind=alien", "kind"),
    ("/api/quotes?speaker=" + "x" * 200, "speaker"),
    ("/api/search", "q"),
    ("/api/search?q=a", "q"),
    ("/api/search?q=%20%20", "q"),
    ("/api/search?q=" + "a" * 201, "q"),
    ("/api/search?q=hoi&kind=video", "kind"),
    ("/api/articles?limit=9999", "limit"),
])
def test_api_rejects_bad_parameters(client: TestClient, url: str, field: str) -> None:
    r = client.get(url)
    assert r.status_code == 422, r.text
    assert field in [d["loc"][-1] for d in r.json()["detail"]]


def test_api_not_found_is_404(client: TestClient) -> None:
    for url, what in [("/api/articles/nope%231", "article"), ("/api/events/nope", "event"),
                      ("/api/actors/NOPE", "actor"), ("/api/nothing", None)]:
        r = client.get(url)
        assert r.status_code == 404
        if what:
            assert r.json()["detail"].startswith(f"{what} not found")


def test_api_is_read_only(client: TestClient, api_stores: dict[str, Path]) -> None:
    for method in ("post", "put", "patch", "delete"):
        assert getattr(client, method)("/api/events").status_code == 405
    assert all(m == {"GET"} or m == {"GET", "HEAD"} for r in client.app.routes
               if (m := getattr(r, "methods", None)))
    with client.app.state.store.cursor() as cur, pytest.raises(duckdb.Error, match="read-only"):
        cur.execute("DELETE FROM events")


def test_api_security_headers(client: TestClient) -> None:
    for url in ("/", "/api/health", "/static/app.js", "/docs", "/api/events?limit=9999"):
        r = client.get(url)
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["content-security-policy"] == CSP
        assert r.headers["x-frame-options"] == "DENY"
        assert "access-control-allow-origin" not in r.headers
    assert "script-src 'self';" in CSP and "unsafe" not in CSP and "*" not in CSP


def test_api_no_cors_by_default(client: TestClient) -> None:
    r = client.get("/api/health", headers={"Origin": "http://evil.example"})
    assert "access-control-allow-origin" not in r.headers
    pre = client.options("/api/health", headers={"Origin": "http://evil.example", "Access-Control-Request-Method": "GET"})
    assert "access-control-allow-origin" not in pre.headers


def test_api_cors_allow_list(api_stores: dict[str, Path]) -> None:
    with TestClient(create_app(str(api_stores["plain"]), cors_origins=["http://127.0.0.1:3000"])) as c:
        ok = c.get("/api/health", headers={"Origin": "http://127.0.0.1:3000"})
        assert ok.headers["access-control-allow-origin"] == "http://127.0.0.1:3000"
        other = c.get("/api/health", headers={"Origin": "http://evil.example"})
        assert "access-control-allow-origin" not in other.headers
    with pytest.raises(ValueError, match="wildcard"):
        create_app(str(api_stores["plain"]), cors_origins=["*"])


def test_api_missing_store(tmp_path: Path) -> None:
    with pytest.raises(StoreNotFound):
        create_app(str(tmp_path / "none.duckdb"))


def test_api_long_query_string_is_414(client: TestClient) -> None:
    r = client.get("/api/events?actor=RUS&x=" + "a" * 5000)
    assert r.status_code == 414 and r.headers["x-content-type-options"] == "nosniff"


def _raw_get(app: object, raw_path: bytes) -> tuple[int, bytes]:
    """Send a request with an exact, un-normalised path straight to the ASGI app."""
    path = raw_path.decode("latin-1")
    from urllib.parse import unquote

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
             "scheme": "http", "path": unquote(path), "raw_path": raw_path, "root_path": "",
             "query_string": b"", "headers": [(b"host", b"127.0.0.1")], "client": ("127.0.0.1", 1),
             "server": ("127.0.0.1", 80)}
    sent: list[dict] = []

    async def receive() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))  # type: ignore[operator]
    status = next(m["status"] for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return status, body


@pytest.mark.parametrize("raw", [
    b"/static/../api/app.py", b"/static/%2e%2e/api/app.py", b"/static/%2E%2E/%2E%2E/sukien/cli.py",
    b"/static/..%2fapi%2fapp.py", b"/static/....//api/app.py", b"/static/vendor/../../api/db.py",
    b"/static/%2e%2e%2f%2e%2e%2fpyproject.toml", b"/static//etc/passwd", b"/static/..\\api\\app.py",
])
def test_web_static_path_traversal_is_refused(api_stores: dict[str, Path], raw: bytes) -> None:
    app = create_app(str(api_stores["plain"]))
    status, body = _raw_get(app, raw)
    assert status == 404, (raw, status)
    assert b"import" not in body and b"root:" not in body


def test_web_static_files_are_served_from_the_web_folder(client: TestClient) -> None:
    r = client.get("/static/app.js")
    assert r.status_code == 200 and r.content == (WEB_DIR / "app.js").read_bytes()
    assert client.get("/static/vendor/chart.umd.min.js").status_code == 200
    assert client.get("/static/vendor/cytoscape.min.js").status_code == 200
    page = client.get("/")
    assert page.status_code == 200 and 'lang="vi"' in page.text and "Dòng thời gian" in page.text
    assert "<script>" not in page.text and "style=" not in page.text  # nothing inline: the CSP forbids it


def test_api_openapi_docs(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = set(spec["paths"])
    assert {"/api/articles", "/api/articles/{article_id}", "/api/events", "/api/events/{event_id}",
            "/api/timeline", "/api/dyads", "/api/dyads/series", "/api/graph", "/api/actors",
            "/api/actors/{actor_id}", "/api/quotes", "/api/quotes/speakers", "/api/search",
            "/api/health"} <= paths
    assert all(set(ops) == {"get"} for ops in spec["paths"].values())
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/static/vendor/swagger-ui-bundle.js" in docs.text
    assert client.get("/static/vendor/swagger-ui-bundle.js").status_code == 200
