#!/bin/sh
# Runs three nodes of one chat on this machine, on ports 8081 to 8083 (or $PORTS), over the Redis at $REDIS_URL
# (redis://127.0.0.1:6379 if unset). Stop them all with Ctrl-C. Run it from the project's folder, on Java 21+.
redis=${REDIS_URL:-redis://127.0.0.1:6379}
for port in ${PORTS:-8081 8082 8083}; do
    REDIS_URL=$redis NODE_ID=node-$port PORT=$port STORE=memory java -jar chat-app/target/chat-app.jar &
    nodes="$nodes $!"
done
trap 'kill $nodes; wait' INT TERM
wait
