#!/usr/bin/env bash
# CLI start-up (issue 21): median wall-clock seconds of 5 runs of `intake --help`, a group's help and two local
# registry reads, against a throw-away home. Usage: benchmarks/startup.sh [path of the intake command]
set -euo pipefail
INTAKE=${1:-.venv/bin/intake}
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export INTAKE_HOME=$home
"$INTAKE" init >/dev/null
for invocation in "--help" "datasets --help" "users list" "audit list"; do
  runs=()
  for _ in 1 2 3 4 5; do
    start=$(date +%s.%N)
    # shellcheck disable=SC2086  # the invocation is words
    "$INTAKE" $invocation >/dev/null
    runs+=("$(echo "$(date +%s.%N) - $start" | bc)")
  done
  printf 'intake %-16s median %.2f s  (runs: %s)\n' "$invocation" \
    "$(printf '%s\n' "${runs[@]}" | sort -n | sed -n 3p)" "$(printf '%.2f ' "${runs[@]}")"
done
