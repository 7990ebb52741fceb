#!/bin/sh
# Runs three nodes of one chat on this machine, on ports 8081 to 8083 (or $PORTS), over the Redis at $REDIS_URL
# (redis://127.0.0.1:6379 if unset), each with its own log prefix. Run it from the project's folder after mvn package;
# the nodes use $JAVA_HOME's java if set, as chat-server does. Ctrl-C stops them all; the exit code is non-zero if
# a node could not run (on a Java older than 21, say).
redis=${REDIS_URL:-redis://127.0.0.1:6379}
logs=$(mktemp -d)
for port in ${PORTS:-8081 8082 8083}; do
    mkfifo "$logs/$port"
    sed "s/^/node-$port | /" < "$logs/$port" &
    REDIS_URL=$redis NODE_ID=node-$port PORT=$port STORE=memory chat-app/target/chat-server > "$logs/$port" 2>&1 &
    nodes="$nodes $!"
done
trap 'kill $nodes' INT TERM
status=0
for node in $nodes; do
    wait "$node"; code=$?
    while kill -0 "$node" 2>/dev/null; do wait "$node"; code=$?; done
    [ "$code" -eq 0 ] || status=$code
done
rm -r "$logs"
exit $status
