"""Import the ANT corpus with `import_articles` into a fresh database and print throughput.

    .venv/bin/python bench/bench_import_articles.py [CORPUS] [--database-url URL]

SQLite by default (a fresh file in a temporary JARIDA_VAR_DIR); with --database-url, a
PostgreSQL database that this script drops and creates. Not part of the test suite.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "ant-v2.1.jsonl.gz"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    if not Path(args.corpus).exists():
        print(f"corpus not found: {args.corpus} (benchmarks need ../shared/corpus)")
        return 0
    var = tempfile.mkdtemp(prefix="jarida-bench-")
    env = {**os.environ, "JARIDA_VAR_DIR": var, "DJANGO_SECRET_KEY": "bench",
           "DJANGO_SETTINGS_MODULE": "config.settings.base", "JARIDA_LOG_LEVEL": "WARNING"}
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
        name = args.database_url.rsplit("/", 1)[1]
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name],
                       check=True)
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
    python = sys.executable
    subprocess.run([python, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env,
                   check=True)
    started = time.perf_counter()
    result = subprocess.run([python, "manage.py", "import_articles", args.corpus, "--no-progress"],
                            cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    report = result.stdout.strip().splitlines()
    print(report[0])
    print(report[-1])
    print(f"engine: {'postgresql' if args.database_url else 'sqlite'}; wall time including "
          f"process start: {elapsed:.1f} s; database dir: {var}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
