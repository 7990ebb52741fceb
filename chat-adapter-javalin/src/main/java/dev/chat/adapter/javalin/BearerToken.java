package dev.chat.adapter.javalin;

/**
 * Where a request's token is: {@code Authorization: Bearer <token>}, or {@code ?token=} for browsers, which cannot
 * set headers on a WebSocket.
 */
final class BearerToken {

    private static final String BEARER = "Bearer ";

    private BearerToken() {}

    /** The token, or null when the request carries none. */
    static String of(String authorizationHeader, String tokenParameter) {
        if (authorizationHeader != null
                && authorizationHeader.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return authorizationHeader.substring(BEARER.length()).strip();
        }
        return tokenParameter;
    }
}
