#!/usr/bin/env bash
# Before/after load bench in one session: serve <base ref> (a git worktree in a temp dir, same
# .venv, same database) and the working checkout alternately, and print head/base ratios.
#
#   bench/load/compare.sh <base ref> [load_bench.py options]      # make bench-load-compare BASE=..
#   HEAD_REF=<ref> bench/load/compare.sh <base ref>                # head from a worktree too
#
# With HEAD_REF the head side is a worktree of that ref instead of this checkout, so other
# people's uncommitted changes in the checkout do not take part in the comparison. LOAD_ROUNDS,
# LOAD_DURATION, LOAD_CONNECTIONS, LOAD_WORKERS ... as for bench/load/load_bench.py.
# The worktrees are removed at the end whatever happens.
set -euo pipefail

cd "$(dirname "$0")/../.."
BASE=${1:?usage: bench/load/compare.sh <base git ref> [load_bench.py options]}
shift
PY=${PY:-.venv/bin/python}

WORKTREES=()
cleanup() {
    for wt in "${WORKTREES[@]}"; do
        git worktree remove --force "$wt" 2>/dev/null || rm -rf "$wt"
    done
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

add_worktree() {  # $1 = ref; prints the directory
    local dir
    dir=$(mktemp -d "${TMPDIR:-/tmp}/batang_load_wt.XXXXXX")
    git worktree add --quiet --detach "$dir" "$1" >&2 || { rmdir "$dir"; return 1; }
    echo "$dir"
}

base_dir=$(add_worktree "$BASE")
WORKTREES=("$base_dir")
head_args=()
if [[ -n "${HEAD_REF:-}" ]]; then
    head_dir=$(add_worktree "$HEAD_REF")
    WORKTREES+=("$head_dir")
    head_args=(--app-dir "$head_dir")
fi
echo "== base $BASE ($(git rev-parse --short "$BASE")) in $base_dir;" \
    "head ${HEAD_REF:-this checkout ($(git rev-parse --short HEAD), uncommitted changes included)}"
"$PY" bench/load/load_bench.py --compare-base "$base_dir" "${head_args[@]}" "$@"
