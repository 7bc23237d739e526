"""python -m loadtest load|faults: see `make loadtest` and `make faults`."""

import argparse

from config.embedded_db import exit_cleanly_on_sigterm
from loadtest import faults, load


def main():
    parser = argparse.ArgumentParser(prog="python -m loadtest", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    loading = commands.add_parser("load", help="load, ceiling and scale-out (make loadtest)")
    loading.add_argument("--clients", type=int, default=50, help="visitors at once")
    loading.add_argument("--duration", type=int, default=60, help="seconds of the mix")
    loading.add_argument("--think", type=float, default=2.0, help="mean pause between pages, s")
    loading.add_argument("--flat-out-seconds", type=int, default=15, help="mix without pauses")
    loading.add_argument("--ceiling-seconds", type=int, default=15)
    loading.add_argument(
        "--page-seconds", type=int, default=20, help="each page flat out, per round (0: skip)"
    )
    loading.add_argument("--scaleout-seconds", type=int, default=30)
    loading.add_argument("--synthetic", type=int, default=100_000, help="synthetic Q&As")
    failing = commands.add_parser("faults", help="PostgreSQL, Redis and SMTP outages (make faults)")
    failing.add_argument("--clients", type=int, default=20, help="visitors at once")
    failing.add_argument("--outage-seconds", type=int, default=8)
    args = vars(parser.parse_args())
    command = args.pop("command")
    exit_cleanly_on_sigterm()
    if command == "load":
        load.run(**args)
    else:
        faults.run(**args)


main()
