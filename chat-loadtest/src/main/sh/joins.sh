#!/bin/bash
# Reconnect storms, for docs/clustering.md: 1 000 clients entering one room at 1 000/s onto one node, then onto three
# nodes over one Redis, each just started; a second storm follows on the same, now warm, nodes once the first one's
# clients have all left. A storm is timed from the tester's launch until /api/rooms counts all 1 000 in the room.
#
# Run from the project's folder after `mvn -B -q package -DskipTests`, on Java 21+, with a redis-server on the PATH
# or named by REDIS_SERVER. The arguments are the start commands to compare (chat-app/target/chat-server if none),
# e.g. the start script of a build before a change and of one after it; they take turns, RUNS rounds each (3).
set -euo pipefail
runs=${RUNS:-3}
redis_server=${REDIS_SERVER:-redis-server}
redis_port=6392
servers=("$@")
[ ${#servers[@]} -eq 0 ] && servers=(chat-app/target/chat-server)
limits="RATE_LIMIT_PER_SEC=0 USER_RATE_LIMIT_PER_SEC=0 MAX_CONNECTIONS_PER_ADDRESS=0 HANDSHAKES_PER_ADDRESS_PER_SEC=0
        MAX_CONNECTIONS_PER_USER=0 MAX_CONNECTIONS=0 STORE=memory"
work=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

millis() {
    echo $(( $(date +%s%N) / 1000000 ))
}

# Starts the nodes on the given ports (over Redis if more than one) and waits until each is healthy.
start() {
    local server=$1 port
    shift
    pids=()
    for port in "$@" $redis_port; do
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "port $port is taken: stop what is listening there first" >&2
            exit 1
        fi
    done
    local cluster=""
    if [ $# -gt 1 ]; then
        "$redis_server" --port $redis_port --save "" --appendonly no > "$work/redis.log" 2>&1 &
        pids+=($!)
        cluster="REDIS_URL=redis://127.0.0.1:$redis_port"
    fi
    for port in "$@"; do
        env $limits $cluster NODE_ID=node-$port PORT=$port "$server" > "$work/node-$port.log" 2>&1 &
        pids+=($!)
    done
    for port in "$@"; do
        until curl -sf "http://127.0.0.1:$port/health" > /dev/null; do sleep 0.05; done
    done
}

stop() {
    kill "${pids[@]}" 2>/dev/null
    wait "${pids[@]}" 2>/dev/null || true
    pids=()
}

# One storm over the given ports; prints its milliseconds, then waits until every client has left.
storm() {
    local urls="" port
    for port in "$@"; do urls="$urls,ws://127.0.0.1:$port/ws"; done
    local started
    started=$(millis)
    java -jar chat-loadtest/target/chat-loadtest.jar connect --clients 1000 --connect-rate 1000 --hold 60s \
        --url "${urls#,}" > "$work/tester.log" 2>&1 &
    local tester=$!
    until curl -s "http://127.0.0.1:$1/api/rooms" | grep -q '"members":1000'; do sleep 0.02; done
    echo -n " $(( $(millis) - started ))"
    kill $tester 2>/dev/null
    wait $tester 2>/dev/null || true
    while curl -s "http://127.0.0.1:$1/api/rooms" | grep -q '"members"'; do sleep 0.05; done
}

for round in $(seq 1 "$runs"); do
    for server in "${servers[@]}"; do
        for ports in "8101" "8101 8102 8103"; do
            start "$server" $ports
            echo -n "$server, $(wc -w <<< "$ports") node(s), round $round: ms for the first storm, the second:"
            storm $ports
            storm $ports
            echo
            stop
        done
    done
done
