#!/usr/bin/env bash
# Load benchmark of `dyad serve`: the timeline endpoint under wrk, a second process on loopback,
# over a database of the whole UN General Debate corpus (10,952 speeches, 1946-2024); and
# `dyad query timeline` over the same file. Checks its answer first (the timeline is not empty),
# then fails if the p99 latency is 50 ms or more, if any request fails (socket error or non-2xx),
# or if the median `dyad query timeline` takes 100 ms or more.
#
#   scripts/serve-bench.sh                  # release build, ingest once into $BENCH_DIR, measure
#   BENCH_DIR=/tmp/b DURATION=60 CONNECTIONS=32 A=IRN B=IRQ BY=month scripts/serve-bench.sh
#
# DYAD_BIN=PATH uses that dyad instead of building one.
# Needs wrk (apt-get install wrk), curl and ../shared/corpora/ungdc.jsonl.gz (or CORPUS=FILE).
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${DYAD_SHARED:-$(cd .. && pwd)/shared}"
corpus="${CORPUS:-$shared/corpora/ungdc.jsonl.gz}"
work="${BENCH_DIR:-/tmp/dyad-serve-bench}"
duration="${DURATION:-30}"
connections="${CONNECTIONS:-16}"
threads="${THREADS:-2}"
a="${A:-USA}"
b="${B:-SUN}"
by="${BY:-year}"

command -v wrk >/dev/null || { echo "wrk not found (apt-get install wrk)"; exit 1; }
command -v curl >/dev/null || { echo "curl not found"; exit 1; }
[ -f "$corpus" ] || { echo "$corpus not found (set CORPUS or DYAD_SHARED)"; exit 1; }

if [ -z "${DYAD_BIN:-}" ]; then
  cargo build --release -q -p dyad
fi
dyad="${DYAD_BIN:-${CARGO_TARGET_DIR:-target}/release/dyad}"
mkdir -p "$work"
db="$work/un.sqlite"
if [ ! -f "$db" ]; then
  echo "== ingest $corpus into $db (once; delete it to rebuild)"
  "$dyad" ingest --db "$db" "$corpus" 2>&1 | tail -2
fi
"$dyad" status --db "$db"

echo "== dyad query timeline $a $b --by $by, 20 runs (wall time, process start included)"
"$dyad" query timeline "$a" "$b" --by "$by" --db "$db" | head -5
times=()
for _ in $(seq 20); do
  start=$(date +%s%N)
  "$dyad" query timeline "$a" "$b" --by "$by" --db "$db" > /dev/null
  times+=($(( ($(date +%s%N) - start) / 1000 )))
done
query=$(printf '%s\n' "${times[@]}" | sort -n | awk '{t[NR] = $1} END {printf "%.1f %.1f %.1f", t[1] / 1000, t[int((NR + 1) / 2)] / 1000, t[NR] / 1000}')
read -r qmin qmedian qmax <<< "$query"
echo "query timeline: min $qmin ms, median $qmedian ms, max $qmax ms"

echo "== dyad serve on loopback"
"$dyad" serve --db "$db" --addr 127.0.0.1:0 2> "$work/serve.log" &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  grep -q "http://127.0.0.1:" "$work/serve.log" && break
  sleep 0.1
done
addr=$(grep -o "127.0.0.1:[0-9]*" "$work/serve.log" | head -1)
url="http://$addr/api/timeline?a=$a&b=$b&by=$by"
answer=$(curl -sf "$url")
events=$(grep -o '"events":[0-9]*' <<< "$answer" | awk -F: '{s += $2} END {print s + 0}')
periods=$(grep -o '"period":' <<< "$answer" | wc -l)
echo "GET $url: $periods periods, $events events"
[ "$events" -gt 0 ] || { echo "the timeline is empty: nothing to measure"; exit 1; }

echo "== wrk: $threads threads, $connections connections, ${duration} s (after a 3 s warm-up)"
wrk -t"$threads" -c"$connections" -d3s "$url" > /dev/null
wrk -t"$threads" -c"$connections" -d"${duration}s" --latency "$url" | tee "$work/wrk.txt"

# wrk prints latencies as 1.23us, 4.56ms or 1.20s.
ms() { awk '{v = $1 + 0; if ($1 ~ /us$/) v /= 1000; else if ($1 ~ /ms$/) v += 0; else if ($1 ~ /s$/) v *= 1000; printf "%.2f", v}' <<< "$1"; }
p50=$(ms "$(awk '$1 == "50%" {print $2}' "$work/wrk.txt")")
p99=$(ms "$(awk '$1 == "99%" {print $2}' "$work/wrk.txt")")
requests=$(awk '/requests in/ {print $1}' "$work/wrk.txt")
rate=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
non2xx=$(awk '/Non-2xx/ {print $NF}' "$work/wrk.txt")
socket=$(awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$work/wrk.txt")
errors=$(( ${non2xx:-0} + ${socket:-0} ))
echo
echo "timeline endpoint: $requests requests, $rate req/s, p50 $p50 ms, p99 $p99 ms, $errors errors"
echo "dyad query timeline: median $qmedian ms (min $qmin, max $qmax)"
awk -v p99="$p99" -v errors="$errors" -v q="$qmedian" 'BEGIN {
  bad = 0
  if (p99 + 0 >= 50) { print "FAIL: p99 " p99 " ms is not under 50 ms"; bad = 1 }
  if (errors + 0 > 0) { print "FAIL: " errors " requests failed"; bad = 1 }
  if (q + 0 >= 100) { print "FAIL: dyad query timeline takes " q " ms, not under 100 ms"; bad = 1 }
  if (!bad) print "PASS: p99 under 50 ms, no errors, query under 100 ms"
  exit bad
}'
