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
work=$(mktemp -d)
trap 'kill "${pids[@]}" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
source "$(dirname "$0")/nodes.sh"

millis() {
    echo $(( $(date +%s%N) / 1000000 ))
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
            start_nodes "$server" $redis_port $ports
            echo -n "$server, $(wc -w <<< "$ports") node(s), round $round: ms for the first storm, the second:"
            storm $ports
            storm $ports
            echo
            stop_nodes
        done
    done
done
