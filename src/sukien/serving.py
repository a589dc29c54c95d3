"""Binding the server's socket before anything is printed, with a clear message when the port
is taken (``sukien serve``)."""

from __future__ import annotations

import errno
import socket


def bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket on ``host:port``; ``OSError`` with a one-line reason otherwise.

    The socket is handed to uvicorn, so nothing can take the port between the check and the
    server starting.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise OSError(f"cannot listen on {host}:{port}: unknown host ({exc.strerror})") from exc
    family, kind, proto, _, addr = infos[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does: TIME_WAIT is no conflict
    try:
        sock.bind(addr)
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise OSError(f"cannot listen on {host}:{port}: the port is in use (another server?); "
                          f"choose another with --port") from exc
        if exc.errno in (errno.EACCES, errno.EPERM):
            raise OSError(f"cannot listen on {host}:{port}: permission denied (ports below 1024 need "
                          "privileges); choose another with --port") from exc
        raise OSError(f"cannot listen on {host}:{port}: {exc.strerror}") from exc
    sock.set_inheritable(True)
    return sock
