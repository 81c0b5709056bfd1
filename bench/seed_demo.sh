#!/usr/bin/env bash
# Time `manage.py seed_demo` on PostgreSQL and on SQLite, each in a fresh scratch database.
#
#   bench/seed_demo.sh                      # 10,000 vendors / 100,000 products, seed 1
#   VENDORS=1000 PRODUCTS=10000 bench/seed_demo.sh
#   BACKENDS=sqlite bench/seed_demo.sh      # only one backend (postgres, sqlite or both)
#
# PostgreSQL: PGHOST/PGPORT/PGUSER (default 127.0.0.1:5432, postgres); the scratch database
# (BENCH_DB, default batang_seedbench) is dropped and recreated, and dropped again at the end.
# Migrations are not timed. Times are the wall time of each command, Python start-up
# included. The target: seed_demo under 3 minutes on PostgreSQL. The search index rebuild
# (which `seed_demo` runs unless --no-index) is timed on its own line.
set -euo pipefail

cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
VENDORS=${VENDORS:-10000}
PRODUCTS=${PRODUCTS:-100000}
SEED=${SEED:-1}
BACKENDS=${BACKENDS:-"postgres sqlite"}
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
BENCH_DB=${BENCH_DB:-batang_seedbench}
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-config.settings.dev}

SQLITE_DIR=""
cleanup() {
    if [[ " $BACKENDS " == *" postgres "* ]]; then
        dropdb --if-exists -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" "$BENCH_DB" 2>/dev/null || true
    fi
    [[ -n "$SQLITE_DIR" ]] && rm -rf "$SQLITE_DIR"
}
trap cleanup EXIT

now() { date +%s.%N; }
results=()

run_one() {  # $1 = label; environment already points at an empty, migrated database
    local label=$1 start end
    echo "== $label: seed_demo --vendors $VENDORS --products $PRODUCTS --seed $SEED"
    start=$(now)
    "$PY" manage.py seed_demo --vendors "$VENDORS" --products "$PRODUCTS" --seed "$SEED" \
        --allow-without-debug --no-index
    end=$(now)
    results+=("$(printf '%-10s seed_demo            %7.1f s  (%s vendors, %s products)' \
        "$label" "$(echo "$end - $start" | bc)" "$VENDORS" "$PRODUCTS")")
    start=$(now)
    if "$PY" manage.py search_index rebuild --skip-checks; then
        end=$(now)
        results+=("$(printf '%-10s search_index rebuild %7.1f s' "$label" "$(echo "$end - $start" | bc)")")
    else
        results+=("$(printf '%-10s search_index rebuild FAILED (see above)' "$label")")
    fi
}

for backend in $BACKENDS; do
    case $backend in
        postgres)
            dropdb --if-exists -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" "$BENCH_DB"
            createdb -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" "$BENCH_DB"
            export DATABASE_URL="postgres://$PGUSER@$PGHOST:$PGPORT/$BENCH_DB"
            "$PY" manage.py migrate --no-input --skip-checks -v 0
            run_one postgres
            unset DATABASE_URL
            ;;
        sqlite)
            SQLITE_DIR=$(mktemp -d)
            VAR_DIR="$SQLITE_DIR" "$PY" manage.py migrate --no-input --skip-checks -v 0
            export VAR_DIR="$SQLITE_DIR"
            run_one sqlite
            unset VAR_DIR
            ;;
        *) echo "unknown backend: $backend" >&2; exit 2 ;;
    esac
done

echo
echo "== Results ($(nproc) CPU, $(date -u +%Y-%m-%dT%H:%MZ))"
printf '%s\n' "${results[@]}"
