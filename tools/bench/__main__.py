"""python -m tools.bench relevance|spelling|speed: search benchmarks, Markdown on stdout, progress on
stderr (see `make bench`)."""

import argparse
import os
import sys


def main():
    parser = argparse.ArgumentParser(prog="python -m tools.bench", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    relevance = commands.add_parser("relevance", help="hits@k and MRR on the seed archive")
    spelling = commands.add_parser("spelling", help="words left alone, typos put right")
    speed = commands.add_parser("speed", help="latency over synthetic Q&As")
    speed.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    speed.add_argument("--queries", type=int, default=100, help="timed per query length")
    speed.add_argument("--repeats", type=int, default=3, help="passes; figures are medians")
    speed.add_argument("--seed", type=int, default=4)
    for command in (relevance, spelling, speed):
        command.add_argument("--database", default="archive_bench")
    args = vars(parser.parse_args())
    command = args.pop("command")

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from tools.bench import relevance, speed, spelling
    from tools.bench.common import BenchError

    try:
        modules = {"relevance": relevance, "spelling": spelling, "speed": speed}
        sys.stdout.write(modules[command].run(**args))
    except BenchError as error:
        sys.exit(f"Benchmark stopped: {error}")


main()
