#!/usr/bin/env bash
# dyad on local Spark against the dyad command, on the same corpus (issue 6): see
# scripts/spark-bench.py. Uses the venv .ci/python.sh makes (PySpark installed), reinstalling the
# dyad package into it from ./python, and a release build of the command. Arguments go to the Python script, e.g. --mb 20 for a quick run.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="$(realpath -m "${CARGO_TARGET_DIR:-target}")"
venv="$CARGO_TARGET_DIR/py-venv"
"$venv/bin/python" -c "import dyad, pyspark" 2>/dev/null || {
  echo "no venv with dyad and pyspark at $venv: run .ci/python.sh first"
  exit 1
}
# The command and the package from the same tree: the script checks that they give the same events.
cargo build --release -q -p dyad
"$venv/bin/python" -m pip install -q --disable-pip-version-check --force-reinstall --no-deps ./python
exec "$venv/bin/python" scripts/spark-bench.py --dyad "$CARGO_TARGET_DIR/release/dyad" "$@"
