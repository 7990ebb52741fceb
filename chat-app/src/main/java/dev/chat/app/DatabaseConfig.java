package dev.chat.app;

import java.util.Map;
import java.util.Optional;

/**
 * Reads where PostgreSQL is for {@code STORE=postgres}: {@code DATABASE_URL} (a JDBC URL), {@code DATABASE_USER} and
 * {@code DATABASE_PASSWORD}, which is never shown. The URL is required with that store and unused without it.
 */
final class DatabaseConfig {

    /** Every variable read here, with its default as the docs show it: blank for one that is unset. */
    static final Map<String, String> DEFAULTS = Map.of("DATABASE_URL", "", "DATABASE_USER", "",
            "DATABASE_PASSWORD", "");

    /** Where the database is; the password stays out of {@link #toString()}, which logs may print. */
    record Database(String url, String user, String password) {
        @Override
        public String toString() {
            return "Database[url=" + url + ", user=" + user + "]";
        }
    }

    private DatabaseConfig() {}

    /** Where the database is, when DATABASE_URL names one; STORE decides whether it is used. */
    static Optional<Database> read(Environment env) throws ConfigException {
        var url = env.secretOrText("DATABASE_URL");
        var user = env.secretOrText("DATABASE_USER").orElse("");
        var password = env.secretOrText("DATABASE_PASSWORD").orElse("");
        if (url.isEmpty()) {
            return Optional.empty();
        }
        if (!url.get().startsWith("jdbc:postgresql://")) {
            throw new ConfigException("DATABASE_URL must be a JDBC URL such as jdbc:postgresql://db:5432/chat, not '"
                    + url.get() + "'");
        }
        env.note("DATABASE_URL", url.get());
        return Optional.of(new Database(url.get(), user, password));
    }
}
