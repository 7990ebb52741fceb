package dev.chat.domain.protocol;

/** Why the hub ends a connection, with the WebSocket close code a transport should use. */
public enum CloseReason {
    /** The hub is shutting down. */
    GOING_AWAY(1001, "server shutting down"),
    /**
     * This node of a cluster is restarting: the client should reconnect at once, through the balancer, to another
     * node, and resume there.
     */
    SERVICE_RESTART(1012, "service restart: reconnect"),
    /** Messages could not be written to the connection. */
    SEND_FAILED(1011, "could not deliver messages"),
    /**
     * The client fell further behind than its send queue allows. What it missed is in the rooms' history: it should
     * reconnect and resume each room with {@code since}.
     */
    TOO_SLOW(4008, "too slow: reconnect and resume with since"),
    /** The token the connection was opened with has run out (plus a short grace): reconnect with a new one. */
    TOKEN_EXPIRED(4001, "token expired: reconnect with a new token"),
    /** The product's backend disconnected the user through the server API; it may connect again. */
    DISCONNECTED(4010, "disconnected by the server"),
    /** The product's backend banned the user through the server API: it may not connect again while it lasts. */
    BANNED(4003, "banned"),
    /** The client kept sending faster than its message budget long after being told to slow down. */
    RATE_LIMITED(1008, "too many messages");

    private final int code;
    private final String description;

    CloseReason(int code, String description) {
        this.code = code;
        this.description = description;
    }

    public int code() {
        return code;
    }

    public String description() {
        return description;
    }
}
