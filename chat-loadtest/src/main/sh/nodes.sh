# Sourced by the measuring scripts beside it: starts the servers under test, on this machine, with every limit off,
# and stops them. The sourcing script sets redis_server, and work (a folder for the logs), and keeps pids, Redis first.

limits="RATE_LIMIT_PER_SEC=0 USER_RATE_LIMIT_PER_SEC=0 MAX_CONNECTIONS_PER_ADDRESS=0 HANDSHAKES_PER_ADDRESS_PER_SEC=0
        MAX_CONNECTIONS_PER_USER=0 MAX_CONNECTIONS=0 STORE=memory"
pids=()

# start_nodes SERVER REDIS_PORT PORT...: one node on each port, over a fresh Redis if more than one; returns once each
# node answers /health.
start_nodes() {
    local server=$1 redis_port=$2 port cluster=""
    shift 2
    pids=()
    for port in "$@" $redis_port; do
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "port $port is taken: stop what is listening there first" >&2
            exit 1
        fi
    done
    if [ $# -gt 1 ]; then
        "$redis_server" --port "$redis_port" --save "" --appendonly no > "$work/redis.log" 2>&1 &
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

stop_nodes() {
    kill "${pids[@]}" 2>/dev/null
    wait "${pids[@]}" 2>/dev/null || true
    pids=()
}
