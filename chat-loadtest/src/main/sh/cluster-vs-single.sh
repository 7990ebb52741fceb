#!/bin/bash
# Broadcast over one node, then over three nodes of a cluster, alternating, with each side's server CPU over the
# measured window (read from /proc, Linux only) and Redis's commands over the same window: the figures of
# docs/clustering.md. Run from the project's folder after `mvn -B -q package -DskipTests`, on Java 21+, with a
# redis-server on the PATH or named by REDIS_SERVER. RUNS pairs (3); every other argument goes to the load tester
# (the default is the scenario: broadcast, 1 000 clients, 10 senders, 50 messages/s, 20 s).
set -euo pipefail
runs=${RUNS:-3}
redis_server=${REDIS_SERVER:-redis-server}
redis_port=6390
scenario=("$@")
[ ${#scenario[@]} -eq 0 ] && scenario=(broadcast)
limits="RATE_LIMIT_PER_SEC=0 USER_RATE_LIMIT_PER_SEC=0 MAX_CONNECTIONS_PER_ADDRESS=0 HANDSHAKES_PER_ADDRESS_PER_SEC=0
        MAX_CONNECTIONS_PER_USER=0 MAX_CONNECTIONS=0 STORE=memory"
logs=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null; wait 2>/dev/null' EXIT

"$redis_server" --port $redis_port --save "" --appendonly no > "$logs/redis.log" 2>&1 &
redis=$!; pids+=($redis)
env $limits PORT=8080 chat-app/target/chat-server > "$logs/single.log" 2>&1 &
single=$!; pids+=($single)
nodes=()
for port in 8081 8082 8083; do
    env $limits PORT=$port REDIS_URL=redis://127.0.0.1:$redis_port NODE_ID=node-$port chat-app/target/chat-server \
        > "$logs/node-$port.log" 2>&1 &
    nodes+=($!); pids+=($!)
done
for port in 8080 8081 8082 8083; do
    until curl -sf "http://127.0.0.1:$port/health" > /dev/null; do sleep 0.2; done
done

cpu_seconds() {
    local total=0 pid
    for pid in "$@"; do
        total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
    done
    echo $((total * 100 / $(getconf CLK_TCK)))
}

published() {
    printf 'INFO commandstats\r\n' | (exec 3<>/dev/tcp/127.0.0.1/$redis_port; cat >&3; sleep 0.2; timeout 1 cat <&3 || true) \
        | tr -d '\r' | grep -E '^cmdstat_(evalsha|publish):' | sed 's/,usec=.*//' | tr '\n' ' '
}

# One run: the report, then the server CPU over the lines the tester printed while measuring.
measure() {
    local label=$1 urls=$2; shift 2
    local first="" last="" redis_before redis_after line
    redis_before=$(published)
    while IFS= read -r line; do
        if [[ $line == *"measuring at"* ]]; then
            last=$(cpu_seconds "$@")
            first=${first:-$last}
        fi
    done < <(java -jar chat-loadtest/target/chat-loadtest.jar "${scenario[@]}" --url "$urls" 2>&1 >"$logs/report")
    redis_after=$(published)
    echo "== $label"
    grep -E '^(deliveries|latency ms) ' "$logs/report"
    echo "server CPU while measuring: $(( (last - first) / 100 )).$(printf '%02d' $(( (last - first) % 100 ))) s"
    echo "redis before: $redis_before"
    echo "redis after:  $redis_after"
}

for run in $(seq 1 "$runs"); do
    measure "one node, run $run" ws://127.0.0.1:8080/ws $single
    measure "three nodes, run $run" ws://127.0.0.1:8081/ws,ws://127.0.0.1:8082/ws,ws://127.0.0.1:8083/ws \
        "${nodes[@]}" $redis
done
