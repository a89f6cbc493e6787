#!/usr/bin/env bash
# The Python package and Spark (issue 6): a venv under $CARGO_TARGET_DIR (default target/) with
# maturin, pytest, pyarrow and PySpark; the `dyad` package installed from ./python as a user
# installs it (pip builds the wheel with maturin); the `dyad` command built to compare with; then
# python/tests, which start one local[2] Spark session (Java 17). PySpark is ~456 MB to download
# the first time; pip's cache and the venv keep it for later runs.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never
# Absolute, so that the wheel's cargo build (run by pip from python/) uses the same target folder.
export CARGO_TARGET_DIR="$(realpath -m "${CARGO_TARGET_DIR:-target}")"
venv="$CARGO_TARGET_DIR/py-venv"

command -v java >/dev/null || { echo "PySpark needs Java (17): not found on PATH"; exit 1; }
java -version 2>&1 | head -1

[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
pip=("$venv/bin/python" -m pip install -q --disable-pip-version-check)
echo "== Python packages"
# pandas < 3: PySpark 4.3 does not yet fully support pandas 3.
"${pip[@]}" "maturin>=1.9.4,<2" "pytest>=8" "pyarrow>=14" "pyspark==4.3.0" "pandas<3"

echo "== the dyad package, from ./python (maturin, release build)"
"${pip[@]}" --force-reinstall --no-deps ./python
"$venv/bin/python" -c "import dyad; print('dyad', dyad.__version__, 'dictionaries', dyad.Coder().dictionary_version)"

echo "== the dyad command, to compare with"
cargo build -q -p dyad

echo "== python/tests (a local[2] Spark session)"
DYAD_BIN="$CARGO_TARGET_DIR/debug/dyad" "$venv/bin/python" -m pytest -q -p no:cacheprovider python/tests
