#!/bin/bash
# The quality gates on the series, as make test runs them, with their
# self-tests: series-check, checkpatch, kernel-doc, htmldocs, the make
# targets, then every gate fed a planted defect. Ends with
# "N passed, N failed".
# usage: gates.sh
set -u
. "$(dirname "$0")/lib.sh"

res=$build/results-gates
mkdir -p "$res"
table=$res/results.tsv
: > "$table"
: > "$res/steps.tsv"
for g in series-check gate-checkpatch gate-kernel-doc htmldocs check-make-targets \
	gate-configs; do
	start=$(date +%s)
	if "$top/scripts/$g.sh" > "$logs/$g.log" 2>&1; then
		printf 'gate\t%s\tpass\t\n' "$g" >> "$table"
	else
		printf 'gate\t%s\tfail\tsee %s\n' "$g" "$logs/$g.log" >> "$table"
	fi
	printf '%s\t%s\t0\n' "$g" "$(( $(date +%s) - start ))" >> "$res/steps.tsv"
done
"$top/scripts/gate-selftests.sh" "$table" > "$logs/gate-selftests.log" 2>&1
python3 "$top/scripts/summary.py" "$table" "$res/steps.tsv"
