#!/usr/bin/env bash
# Measures the web front end for the notes (not a test: timings depend on the machine):
#   1. first-load bundle: the files index.html loads from wwwroot, raw and gzip -9 bytes;
#   2. GET /api/workflow-instances paging with 1,000 instances in the store (each an Echo run, created
#      through the API): per page, curl's time to the first response byte (on loopback: a new
#      connection plus the server's time) and its total time, five times each over several pages and page sizes;
#   3. the designer in Chromium with a 100-node definition: time to render all nodes, time to auto-layout
#      (scripts/measure-web/designer.cs, a .NET file-based app on Microsoft.Playwright).
# Needs a Release build (dotnet build -c Release) and /usr/bin/chromium. Prints progress on stderr, results on stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
instances=${INSTANCES:-1000} nodes=${NODES:-100} port=${PORT:-5417}
work=$(mktemp -d /tmp/losssearch-measure-web.XXXXXX)
say() { echo "measure-web: $*" >&2; }

wwwroot=src/Host/wwwroot
say "bundle (gzip -9) of $wwwroot/index.html's assets"
for f in $(grep -oE '(src|href)="/assets/[^"]+"' "$wwwroot/index.html" | sed -E 's/.*"\/(assets\/[^"]+)"/\1/'); do
  printf '%-40s raw %8d  gzip %8d\n' "$f" "$(stat -c %s "$wwwroot/$f")" "$(gzip -9c "$wwwroot/$f" | wc -c)"
done
printf '%-40s raw %8d  gzip %8d\n' "index.html" "$(stat -c %s "$wwwroot/index.html")" "$(gzip -9c "$wwwroot/index.html" | wc -c)"

(cd "$work" && exec "$repo/src/Host/bin/Release/net10.0/losssearch" serve --urls "http://127.0.0.1:$port" > "$work/serve.log" 2>&1) &
serve=$!
trap 'kill $serve 2>/dev/null || true; rm -rf "$work"' EXIT
api="http://127.0.0.1:$port/api"
for _ in $(seq 1 120); do curl -sf "$api/workflow-instances" > /dev/null && break; sleep 0.5; done

say "creating $instances instances"
curl -sf -X POST "$api/workflow-definitions?publish=true" -H 'Content-Type: application/json' -d '{
  "definitionId": "echo", "name": "Echo",
  "root": { "type": "Flowchart", "activities": [ { "id": "hello", "type": "Echo", "inputs": { "text": "hi" } } ], "connections": [] } }' > /dev/null
for i in $(seq 1 "$instances"); do
  curl -sf -X POST "$api/workflow-definitions/echo/execute" -H 'Content-Type: application/json' -d '{}' > /dev/null
done
until [ "$(curl -sf "$api/workflow-instances?status=Finished&pageSize=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')" -ge "$instances" ]; do sleep 1; done

say "timing list pages"
for size in 25 100; do
  for pageno in 1 2 10 $((instances / size)); do
    for rep in 1 2 3 4 5; do
      curl -sf -o /dev/null -w "pageSize=$size page=$pageno rep=$rep ttfb_ms=%{time_starttransfer} total_ms=%{time_total} bytes=%{size_download}\n" \
        "$api/workflow-instances?page=$pageno&pageSize=$size" \
        | awk '{ for (i = 1; i <= NF; i++) if ($i ~ /_ms=/) { split($i, kv, "="); $i = kv[1] "=" sprintf("%.1f", kv[2] * 1000) } print }' 
    done
  done
done
say "saving a $nodes-node definition"
python3 - "$nodes" > "$work/big.json" <<'PY'
import json, sys
n = int(sys.argv[1])
# A funnel-like tree: a chain of Echo activities with every third one branching to a side Echo.
acts, conns, main = [], [], []
for i in range(n):
    acts.append({"id": f"a{i}", "type": "Echo", "inputs": {"text": f"node {i}"}, "metadata": {"designer": {"position": {"x": 0, "y": 0}}}})
for i in range(1, n):
    parent = (i - 1) if i % 3 else max(0, i - 2)
    conns.append({"source": {"activity": f"a{parent}", "port": "Done"}, "target": {"activity": f"a{i}", "port": "In"}})
print(json.dumps({"definitionId": "big", "name": f"{n} nodes", "root": {"type": "Flowchart", "activities": acts, "connections": conns}}))
PY
curl -sf -X POST "$api/workflow-definitions" -H 'Content-Type: application/json' --data-binary @"$work/big.json" > /dev/null

say "designer in chromium"
dotnet run scripts/measure-web/designer.cs -- "http://127.0.0.1:$port" big "$nodes" 5
