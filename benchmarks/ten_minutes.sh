#!/usr/bin/env bash
# The README's ten-minute path, timed as a new user runs it: a fresh clone of this repository's
# committed HEAD, `make install` (the venv and the locked packages: the first part of the
# README's first `make report`), then every command of the README block "Your own plan in ten
# minutes", read from the README itself, each timed as a whole process. With `--test`, also
# `make test` at the end. pip's download cache is whatever this machine has (stated).
# Writes benchmarks/results/ten_minutes.txt.
# Usage, from the repository root:  bash benchmarks/ten_minutes.sh [--test]
set -euo pipefail
repo=$(git rev-parse --show-toplevel)
work=$(mktemp -d /tmp/plancompare-ten.XXXXXX)
[ -d "$repo/../shared" ] && ln -s "$(cd "$repo/../shared" && pwd)" "$work/shared"
out="$repo/benchmarks/results/ten_minutes.txt"
clone="$work/plancompare"
report=$(mktemp)

step() { # run one command line in the clone, print "seconds  command"
  local start=$SECONDS n
  n=$(printf '%02d' "$1"); shift
  (cd "$clone" && bash -c "$1") >"$work/$n.log" 2>&1 || { echo "FAILED: $1"; cat "$work/$n.log"; exit 1; }
  printf '%5d s  %s\n' $((SECONDS - start)) "$1" | tee -a "$report"
}

total_start=$SECONDS
start=$SECONDS
git clone --quiet "$repo" "$clone"
printf '%5d s  %s\n' $((SECONDS - start)) "git clone" | tee -a "$report"
i=1
step $i "make install"
# The block after the "ten-minute path" marker, without comments and blank lines.
mapfile -t lines < <(awk '/<!-- ten-minute path/{m=1} m&&/^```sh/{b=1;next} b&&/^```/{exit} b' \
  "$clone/README.md" | sed -e 's/  #.*//' -e 's/[[:space:]]*$//' | grep -v -e '^$' -e '^#')
for line in "${lines[@]}"; do
  i=$((i + 1))
  step $i "$line"
  if [[ $line == *" my-data/codebook.csv" ]]; then # step 6 (a comment): the student's edit
    i=$((i + 1))
    step $i "sed -i '/^plan_themes,kollegialt_larande,/s/beprövad erfarenhet,/beprövad erfarenhet; mentor,/' my-data/codebook.csv && grep -q 'erfarenhet; mentor' my-data/codebook.csv"
  fi
done
[ "${1:-}" = "--test" ] && { i=$((i + 1)); step $i "make test"; }
total=$((SECONDS - total_start))
grep -q "exempelby_2025.txt" "$clone/reports/01-load-plans.html" && seen=yes || seen=NO

{
  echo "ten-minute path (README 'Your own plan in ten minutes'), fresh clone of" \
    "$(git -C "$repo" rev-parse --short HEAD), $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "python3: $(python3 --version 2>&1); $(nproc) cores; load average at end:" \
    "$(cut -d' ' -f1-3 /proc/loadavg); pip cache: $(du -sh "$(python3 -m pip cache dir 2>/dev/null)" 2>/dev/null | cut -f1 || echo '?')"
  echo "seconds per command (whole process, wall clock):"
  cat "$report"
  echo "total: ${total} s; example plan in reports/01-load-plans.html: ${seen}"
} >"$out"
cat "$out"
rm -rf "$work" "$report"
