#!/usr/bin/env bash
# Measures the search index on the benchmark corpus against Pagefind:
#   internal/search/testdata/measure.sh [PAGES] [WORKDIR]
# Generates PAGES Vietnamese pages (default 5000; en ≈ 0.9×, km ≈ 0.8×) with
# /work/shared/bench/gencorpus.py (BENCH= to point elsewhere), copies the
# repository's layouts, i18n, static and search pages in, builds with
# sitegen, runs Pagefind from npm on the same output, then TestMeasure.
# Needs python3, npx (Node) and Chromium.
set -euo pipefail
cd "$(dirname "$0")/../../.."
pages=${1:-5000}
work=${2:-$(mktemp -d)}
bench=${BENCH:-/work/shared/bench}
python3 "$bench/gencorpus.py" "$work/site" --pages "$pages" >/dev/null
cp -r layouts i18n static "$work/site/"
cp content/search.md content/search.en.md content/search.km.md "$work/site/content/"
go build -o "$work/sitegen" ./cmd/sitegen
rm -rf "$work/public"
/usr/bin/time -f "sitegen build: %e s wall, %M KiB peak" "$work/sitegen" build --quiet --source "$work/site" --destination "$work/public" 2>&1 | grep -v warning || true
/usr/bin/time -f "pagefind: %e s wall, %M KiB peak" npx --yes pagefind@1.6.0 --site "$work/public" --output-subdir _pagefind >/dev/null
SEARCH_MEASURE="$work/public" go test -count=1 -run TestMeasure -v ./internal/search | grep -v '^=== RUN'
echo "corpus and output left in $work"
