#!/usr/bin/env bash
# `make report-screenshot`: the demo city's report as an HTML page and a PNG for people.
#
# Starts its own shuangjiang-server (all three services, in memory, on a free port) with the
# synthetic demo city, waits until the city is loaded and accountability has opened the
# escalations for the quarters assessment judged over the line, then writes
# $REPORT_DIR/report-$REPORT_PERIOD.html with `sjctl report` and a screenshot of it with headless
# Chromium. Nothing of `make run`'s ./data is touched. Needs the binaries built and the Debian
# packages chromium and fonts-wqy-microhei (a CJK font, so the screenshot shows Chinese).
set -euo pipefail

period=${REPORT_PERIOD:-2023}
out=${REPORT_DIR:-report}
width=${REPORT_WIDTH:-1100}
height=${REPORT_HEIGHT:-3400}
bin=$(swift build --show-bin-path)
mkdir -p "$out"
scratch=$(mktemp -d)
server=""
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    rm -rf "$scratch"
}
trap cleanup EXIT

# A quarter is judged once its feed has been quiet for settle_seconds (60 by default); the demo
# city arrives in one burst, so 5 s is plenty and the script does not wait a minute.
echo '{"assessment": {"settle_seconds": 5}}' > "$scratch/rules.json"
"$bin/shuangjiang-server" --port 0 --in-memory --demo-city --config "$scratch/rules.json" --log-format text \
    > "$scratch/stdout" 2> "$scratch/stderr" &
server=$!

wait_for() {  # wait_for SECONDS DESCRIPTION COMMAND...: polls COMMAND every second
    local limit=$1 what=$2
    shift 2
    for _ in $(seq "$limit"); do
        if "$@"; then return 0; fi
        if ! kill -0 "$server" 2>/dev/null; then
            echo "report-screenshot: the server stopped while waiting for $what:" >&2
            tail -20 "$scratch/stderr" >&2
            exit 1
        fi
        sleep 1
    done
    echo "report-screenshot: gave up waiting for $what after ${limit}s" >&2
    tail -20 "$scratch/stderr" >&2
    exit 1
}

wait_for 60 "the server to listen" grep -q "listening on" "$scratch/stdout"
address=$(sed -n 's/^shuangjiang-server listening on //p' "$scratch/stdout")
echo "report-screenshot: server on $address, loading the demo city…"
wait_for 900 "the demo city to load" grep -q "demo city loaded" "$scratch/stderr"

# Escalations appear a few seconds after the load (settle, judging, accountability following):
# done once their count has held for 10 s.
sleep 8
last=-1
steady=0
for _ in $(seq 300); do
    now=$("$bin/sjctl" accountability escalations list --all --json --server "$address" | wc -l)
    if [ "$now" = "$last" ]; then steady=$((steady + 1)); else steady=0; fi
    [ "$steady" -ge 10 ] && break
    last=$now
    sleep 1
done
echo "report-screenshot: $last escalations; writing the report for $period"

html="$(realpath "$out")/report-$period.html"
png="$(realpath "$out")/report-$period.png"
"$bin/sjctl" report --server "$address" --period "$period" --html "$html" > "$out/report-$period.txt"
# Chromium's --screenshot takes the window: by default the first 3400 pixels, the city's and the
# regions' figures and both charts (REPORT_HEIGHT=15000 for the whole page).
chromium --headless --disable-gpu --no-sandbox --hide-scrollbars --user-data-dir="$scratch/profile" \
    --host-resolver-rules="MAP * ~NOTFOUND" --window-size="$width,$height" --screenshot="$png" "file://$html" \
    2> "$scratch/chromium.log" || { cat "$scratch/chromium.log" >&2; exit 1; }
echo "report-screenshot: wrote $html, $png and $out/report-$period.txt"
