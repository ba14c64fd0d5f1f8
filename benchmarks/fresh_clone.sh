#!/usr/bin/env bash
# A new user's first minutes, timed: fresh clones of this repository's committed HEAD, then
#   clone A:  make report, then make test        (the README's two commands, in order)
#   clone B:  make lab, up to "server is running" (headless: --no-browser), then stopped
# Each clone installs .venv from requirements.lock itself; pip's download cache is whatever
# this machine has (state it with the results). Writes benchmarks/results/fresh_clone.txt.
# Usage, from the repository root:  bash benchmarks/fresh_clone.sh
set -euo pipefail
repo=$(git rev-parse --show-toplevel)
work=$(mktemp -d /tmp/plancompare-fresh.XXXXXX)
[ -d "$repo/../shared" ] && ln -s "$(cd "$repo/../shared" && pwd)" "$work/shared"
out="$repo/benchmarks/results/fresh_clone.txt"
log="$work/log"
mkdir -p "$log"

seconds() { # run a command in a directory, print its wall-clock seconds
  local dir=$1; shift
  local start=$SECONDS
  (cd "$dir" && "$@") >"$log/$(basename "$dir")-$1-$2.log" 2>&1
  echo $((SECONDS - start))
}

git clone --quiet "$repo" "$work/a"
git clone --quiet "$repo" "$work/b"
report=$(seconds "$work/a" make report)
test=$(seconds "$work/a" make test)
tail -1 "$log/a-make-test.log"

# make lab in its own process group, so that exactly what it started is stopped afterwards.
port=$((20000 + RANDOM % 20000))
start=$SECONDS
setsid make -C "$work/b" lab LAB_ARGS="--no-browser --port=$port --ServerApp.port_retries=0" \
  >"$log/b-make-lab.log" 2>&1 &
lab=$!
lab_s=timeout
for _ in $(seq 1 1800); do
  if grep -q "is running at" "$log/b-make-lab.log"; then lab_s=$((SECONDS - start)); break; fi
  kill -0 "$lab" 2>/dev/null || break
  sleep 1
done
kernel=$(grep -o '"display_name": "[^"]*"' \
  "$work/b/.venv/share/jupyter/kernels/python3/kernel.json" || true)
kill -TERM -- "-$lab" 2>/dev/null || true
wait "$lab" 2>/dev/null || true

{
  echo "fresh clone of $(git -C "$repo" rev-parse --short HEAD), $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "python3: $(python3 --version 2>&1); $(nproc) cores; pip cache: $(du -sh "$(python3 -m pip cache dir 2>/dev/null)" 2>/dev/null | cut -f1 || echo '?')"
  echo "make report (venv + locked install + build + report): ${report} s"
  echo "make test   (after make report):                      ${test} s"
  echo "make lab    (venv + locked install + server running): ${lab_s} s  [kernel ${kernel}]"
} | tee "$out"
rm -rf "$work"
