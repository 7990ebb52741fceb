# Sourced by the measuring scripts beside it: starts the servers under test, on this machine, with every limit off,
# and stops them. The sourcing script sets redis_server, and work (a folder for the logs), and keeps pids, Redis first.
# SHARDS spreads the rooms over that many Redis servers.

limits="RATE_LIMIT_PER_SEC=0 USER_RATE_LIMIT_PER_SEC=0 MAX_CONNECTIONS_PER_ADDRESS=0 HANDSHAKES_PER_ADDRESS_PER_SEC=0
        MAX_CONNECTIONS_PER_USER=0 MAX_CONNECTIONS=0 STORE=memory"
pids=()

# start_nodes SERVER REDIS_PORT PORT...: one node on each port, over fresh Redis servers if more than one: SHARDS of
# them (1 by default) on REDIS_PORT and the ports after it, their pids first (redis_count of them). Returns once each
# node answers /health.
start_nodes() {
    local server=$1 redis_port=$2 port cluster="" shard
    shift 2
    pids=()
    redis_count=0
    if [ $# -gt 1 ]; then
        redis_count=${SHARDS:-1}
    fi
    local redis_ports=()
    for shard in $(seq 0 $(( redis_count - 1 ))); do
        redis_ports+=($(( redis_port + shard )))
    done
    for port in "$@" "${redis_ports[@]}"; do
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "port $port is taken: stop what is listening there first" >&2
            exit 1
        fi
    done
    for port in "${redis_ports[@]}"; do
        "$redis_server" --port "$port" --save "" --appendonly no > "$work/redis-$port.log" 2>&1 &
        pids+=($!)
        cluster="${cluster:+$cluster,}redis://127.0.0.1:$port"
    done
    [ -n "$cluster" ] && cluster="REDIS_URL=$cluster"
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
