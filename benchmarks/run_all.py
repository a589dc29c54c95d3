"""Run every benchmark of this folder (``bench_*.py``), passing the arguments on.

    .venv/bin/python benchmarks/run_all.py --limit 2000
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    failed = 0
    for bench in sorted(Path(__file__).resolve().parent.glob("bench_*.py")):
        print(f"=== {bench.name} {' '.join(argv)}", flush=True)
        failed += subprocess.run([sys.executable, str(bench), *argv]).returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
