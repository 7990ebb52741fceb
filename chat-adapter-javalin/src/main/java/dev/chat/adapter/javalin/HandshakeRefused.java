package dev.chat.adapter.javalin;

import dev.chat.domain.Rejection;

/** Thrown from the upgrade check to answer with an HTTP error and no WebSocket. */
final class HandshakeRefused extends RuntimeException {

    private final int status;
    private final transient Rejection rejection;

    HandshakeRefused(int status, Rejection rejection) {
        super(rejection.message(), null, false, false);
        this.status = status;
        this.rejection = rejection;
    }

    int status() {
        return status;
    }

    Rejection rejection() {
        return rejection;
    }
}
