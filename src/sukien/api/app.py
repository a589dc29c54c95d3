"""The FastAPI app: a read-only JSON API over the store (``/api/...``), the dashboard
(``/`` and ``/static/...``) and the OpenAPI page (``/docs``).

Read-only by construction: every route is a GET and answers from a read-only snapshot of the
store (``sukien.api.snapshot``), refreshed when the store changes, so ``sukien run`` can add
data while the dashboard runs.
Static files are served by Starlette's ``StaticFiles`` from the package's ``web`` folder
only. No CORS unless an explicit allow-list is given. Every response carries security
headers, with a Content-Security-Policy that allows nothing but this origin (the chart
libraries and Swagger UI are vendored under ``/static/vendor``).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from importlib.resources import files
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sukien.api.routes import router
from sukien.api.snapshot import SnapshotStore

WEB_DIR = Path(str(files("sukien") / "web"))
MAX_QUERY_STRING = 4096  # bytes; longer query strings get 414

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]

_DOCS_HTML = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>sukien API — OpenAPI</title>
<link rel="stylesheet" href="/static/vendor/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/static/vendor/swagger-ui-bundle.js"></script>
<script src="/static/docs.js"></script></body></html>"""


class SecurityHeaders:
    """ASGI middleware: adds the security headers; refuses over-long query strings (414)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if len(scope.get("query_string", b"")) > MAX_QUERY_STRING:
            await _plain_error(send, 414, b'{"detail":"query string too long"}')
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    h for h in SECURITY_HEADERS if h[0] not in names]
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def _plain_error(send: Send, status: int, body: bytes) -> None:
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
               *SECURITY_HEADERS]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def create_app(db_path: str, *, index_path: str | None = None,
               cors_origins: Sequence[str] = (), refresh_seconds: float = 2.0) -> FastAPI:
    """The app over the store at ``db_path`` (read from snapshots, see ``sukien.api.snapshot``).

    ``index_path``: a full-text index folder for /api/search (default: the store's own; without
    one, search scans the store). ``cors_origins``: explicit origins allowed to call the API
    from a browser (none by default; ``*`` is refused). ``refresh_seconds``: how often the
    store is checked for changes.
    """
    if any(o.strip() == "*" for o in cors_origins):
        raise ValueError("wildcard CORS is not allowed: list the origins explicitly")
    store = SnapshotStore(db_path, index_path=index_path, refresh_seconds=refresh_seconds)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(title="sukien API", version="1", lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Read-only access to a sukien store: articles, events, timelines, dyads, "
                              "the actor graph, quotes and search. Dashboard at `/`.")
    app.state.store = store
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=WEB_DIR), name="static")

    @app.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(WEB_DIR / "index.html", media_type="text/html; charset=utf-8")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(_DOCS_HTML)

    if cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=list(cors_origins), allow_methods=["GET"],
                           allow_credentials=False)
    app.add_middleware(SecurityHeaders)
    return app
