#!/bin/bash
# Four nodes over Redis, 200 rooms of 10 members, one sender in each: each node's CPU and Redis's per delivered
# message, with every room's members on one node (--room-affinity) and with each room spread over all four, for
# docs/clustering.md. Linux only (CPU from /proc).
#
# Run from the project's folder after `mvn -B -q package -DskipTests`, on Java 21+, with a redis-server on the PATH
# or named by REDIS_SERVER. The arguments are the start commands to compare (chat-app/target/chat-server if none),
# e.g. the start script of a build before a change and of one after it; they take turns, RUNS rounds each (3).
# RATE is the messages per second over all rooms (400). SHARDS lists the numbers of Redis servers the rooms are
# spread over, taking turns within each round ("1"). Every round starts Redis and the four nodes anew, and warms them
# up with a pass of each scenario that is not measured.
set -euo pipefail
runs=${RUNS:-3}
rate=${RATE:-400}
# 2 000 clients entering 200 rooms at once cost four nodes on two cores seconds: the warm-up outlasts them.
warmup=${WARMUP:-30s}
redis_server=${REDIS_SERVER:-redis-server}
redis_port=6391
shard_counts=${SHARDS:-1}
ports=(8091 8092 8093 8094)
servers=("$@")
[ ${#servers[@]} -eq 0 ] && servers=(chat-app/target/chat-server)
work=$(mktemp -d)
trap 'kill "${pids[@]}" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
source "$(dirname "$0")/nodes.sh"

cpu_centiseconds() {
    awk -v tick="$(getconf CLK_TCK)" '{ printf "%d", ($14 + $15) * 100 / tick }' "/proc/$1/stat"
}

# One broadcast; then each process's CPU between the tester's first and last "measuring at" lines (the Redis servers
# summed, then each node), and the deliveries it counted.
measure() {
    local what=$1; shift
    local first=() last=() line pid i urls
    urls=$(printf 'ws://127.0.0.1:%s/ws,' "${ports[@]}")
    while IFS= read -r line; do
        if [[ $line == *"measuring at"* ]]; then
            last=()
            for pid in "${pids[@]}"; do last+=("$(cpu_centiseconds "$pid")"); done
            [ ${#first[@]} -eq 0 ] && first=("${last[@]}")
        fi
    done < <(java -jar chat-loadtest/target/chat-loadtest.jar broadcast --clients 2000 --rooms 200 --senders 200 \
        --rate "$rate" --warmup "$warmup" --duration 20s --url "${urls%,}" --json "$@" 2>&1 >"$work/report")
    local received total=0 redis=0 cpu=()
    received=$(sed -E 's/.*"received":([0-9]+).*/\1/' "$work/report")
    for i in "${!pids[@]}"; do
        cpu+=($(( last[i] - first[i] )))
        if [ "$i" -lt "$redis_count" ]; then
            redis=$(( redis + last[i] - first[i] ))
        else
            total=$(( total + last[i] - first[i] ))
        fi
    done
    printf '%s: %s deliveries, lost %s, p99 %s ms; CPU s: redis %d.%02d (' "$what" "$received" \
        "$(sed -E 's/.*"lost":([0-9]+).*/\1/' "$work/report")" \
        "$(sed -E 's/.*"latencyMillis":\{[^}]*"p99":([0-9.]+).*/\1/' "$work/report")" \
        $(( redis / 100 )) $(( redis % 100 ))
    for i in "${!cpu[@]}"; do
        [ "$i" -eq "$redis_count" ] && printf '), nodes'
        [ "$i" -gt 0 ] && printf ' '
        printf '%d.%02d' $(( cpu[i] / 100 )) $(( cpu[i] % 100 ))
    done
    printf '; nodes per delivery %s us\n' "$(( total * 10000 / (received > 0 ? received : 1) ))"
}

for run in $(seq 1 "$runs"); do
    for server in "${servers[@]}"; do
        for shards in $shard_counts; do
            echo "== $server over $shards Redis, round $run"
            SHARDS=$shards start_nodes "$server" $redis_port "${ports[@]}"
            # Fresh nodes compile their cluster path during the first joins and messages: one unmeasured pass of each.
            measure "(warming up)" --room-affinity --warmup 20s --duration 5s > /dev/null
            measure "(warming up)" --warmup 20s --duration 5s > /dev/null
            measure "every room on one node" --room-affinity
            measure "every room on every node"
            stop_nodes
        done
    done
done
