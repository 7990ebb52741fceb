package dev.chat.app;

import dev.chat.adapter.httpclient.WebhookSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads where events go: {@code WEBHOOK_URL} (an http or https URL; unset for none) and {@code WEBHOOK_SECRET}, which
 * signs them and is required with it. Neither is shown on the startup line.
 */
final class WebhookConfig {

    /** Every variable read here, with its default as the docs show it: blank for one that is unset. */
    static final Map<String, String> DEFAULTS = Map.of("WEBHOOK_URL", "", "WEBHOOK_SECRET", "");
    /** As for an API key: guessing it must be hopeless. */
    static final int MIN_SECRET_LENGTH = 22;

    private WebhookConfig() {}

    static Optional<WebhookSettings> read(Environment env) throws ConfigException {
        var url = env.secretOrText("WEBHOOK_URL");
        var secret = env.secretOrText("WEBHOOK_SECRET");
        if (url.isEmpty()) {
            env.note("WEBHOOKS", "off");
            return Optional.empty();
        }
        if (secret.isEmpty() || secret.get().length() < MIN_SECRET_LENGTH) {
            throw new ConfigException("WEBHOOK_URL needs WEBHOOK_SECRET, at least " + MIN_SECRET_LENGTH
                    + " characters, such as the output of: openssl rand -hex 16");
        }
        env.note("WEBHOOKS", "on");
        return Optional.of(WebhookSettings.of(parsed(env, url.get()), secret.get()));
    }

    private static URI parsed(Environment env, String text) throws ConfigException {
        try {
            var url = new URI(text);
            if (url.isAbsolute() && Set.of("http", "https").contains(url.getScheme()) && url.getHost() != null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // answered below
        }
        throw env.invalid("WEBHOOK_URL", "an http or https URL such as https://app.internal/chat-events");
    }
}
