#!/bin/bash
# What a quiet or lightly loaded server costs, for the performance guide's footprint table: from launch to /health
# answering, VmRSS after 10 s with no client, the first 1 000 connects at 1 000/s (p99) and VmRSS holding them, then a broadcast
# of 100 clients (10 senders, 100 msg/s) and one of 1 000 (10 senders, 50 msg/s), each with the server's CPU over the
# measured stretch (from /proc, Linux only), its p99 and VmRSS at its end. Every round starts the server anew.
#
# Run from the project's folder after `mvn -B -q package -DskipTests`, on Java 21+. The arguments are the start
# commands of the servers to compare (chat-app/target/chat-server if none), which take turns, RUNS rounds each (3):
# each is started with PORT, DATA_DIR and the limits off in its environment, e.g.
#   footprint.sh chat-app/target/chat-server /tmp/original-server
set -euo pipefail
runs=${RUNS:-3}
servers=("$@")
[ ${#servers[@]} -eq 0 ] && servers=(chat-app/target/chat-server)
port=8188
tester=(java -jar chat-loadtest/target/chat-loadtest.jar)
limits="RATE_LIMIT_PER_SEC=0 USER_RATE_LIMIT_PER_SEC=0 MAX_CONNECTIONS_PER_ADDRESS=0 HANDSHAKES_PER_ADDRESS_PER_SEC=0"
work=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

rss_mb() {
    awk '/^VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$pid/status"
}

cpu_centiseconds() {
    awk -v tick="$(getconf CLK_TCK)" '{ printf "%d", ($14 + $15) * 100 / tick }' "/proc/$pid/stat"
}

p99_of() {
    sed -E "s/.*\"$1\":\\{[^}]*\"p99\":([0-9.]+).*/\\1/" "$work/report"
}

start() {
    local server=$1 started
    rm -rf "$work/data" && mkdir -p "$work/data"
    started=$(date +%s%N)
    env $limits PORT=$port DATA_DIR="$work/data" "$server" > "$work/server.log" 2>&1 &
    pid=$!
    until curl -sf "http://127.0.0.1:$port/health" > /dev/null; do sleep 0.01; done
    echo "launch to /health: $(( ($(date +%s%N) - started) / 1000000 )) ms"
}

# The tester's run, the server's VmRSS the last time the tester says "$2", its CPU between its "measuring at" lines.
load() {
    local what=$1 sample_at=$2; shift 2
    local first="" last="" rss="" line
    while IFS= read -r line; do
        if [[ $line == *"measuring at"* ]]; then
            last=$(cpu_centiseconds)
            first=${first:-$last}
        fi
        if [[ $line == *"$sample_at"* ]]; then
            rss=$(rss_mb)
        fi
    done < <("${tester[@]}" "$@" --url "ws://127.0.0.1:$port/ws" --json 2>&1 >"$work/report")
    echo "$what: VmRSS $rss MB$([ -n "$first" ] && printf ', server CPU %d.%02d s' \
        $(( (last - first) / 100 )) $(( (last - first) % 100 )))"
}

round() {
    local server=$1
    echo "== $server"
    start "$server"
    sleep 10
    echo "quiet for 10 s, 0 clients: VmRSS $(rss_mb) MB"
    load "1 000 connects at 1 000/s" "holding" connect --clients 1000 --connect-rate 1000 --hold 3s
    echo "  connect p99 $(p99_of connectMillis) ms"
    load "broadcast, 100 clients x 100 msg/s" "measuring at" broadcast --clients 100 --senders 10 --rate 100 \
        --warmup 5s --duration 20s
    echo "  delivery p99 $(p99_of latencyMillis) ms"
    load "broadcast, 1 000 clients x 50 msg/s" "measuring at" broadcast --clients 1000 --senders 10 --rate 50 \
        --warmup 5s --duration 20s
    echo "  delivery p99 $(p99_of latencyMillis) ms"
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    pid=""
}

for run in $(seq 1 "$runs"); do
    for server in "${servers[@]}"; do
        round "$server"
    done
done
