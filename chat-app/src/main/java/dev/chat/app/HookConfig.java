package dev.chat.app;

import dev.chat.adapter.httpclient.HookSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the hooks through which the product's backend decides: {@code HOOK_CONNECT_URL},
 * {@code HOOK_SUBSCRIBE_URL} and {@code HOOK_PUBLISH_URL} (each an http or https URL; unset for none), and, once any
 * is set, {@code HOOK_TIMEOUT}, {@code HOOK_FAILURE} ({@code deny} or {@code allow}) and {@code HOOK_FORWARD_HEADERS}
 * (the upgrade's headers the connect hook is given, such as {@code Cookie}). The URLs may hold credentials: the
 * startup line names the hooks set, not where they go.
 */
final class HookConfig {

    /** Every variable read here, with its default as the docs show it: blank for one that is unset. */
    static final Map<String, String> DEFAULTS = defaults();

    private HookConfig() {}

    static HookSettings read(Environment env) throws ConfigException {
        var connect = url(env, "HOOK_CONNECT_URL");
        var subscribe = url(env, "HOOK_SUBSCRIBE_URL");
        var publish = url(env, "HOOK_PUBLISH_URL");
        var set = new ArrayList<String>();
        connect.ifPresent(any -> set.add("connect"));
        subscribe.ifPresent(any -> set.add("subscribe"));
        publish.ifPresent(any -> set.add("publish"));
        if (set.isEmpty()) {
            env.note("HOOKS", "off");
            return new HookSettings(connect, subscribe, publish, HookSettings.DEFAULT_TIMEOUT,
                    HookSettings.OnFailure.DENY, List.of());
        }
        env.note("HOOKS", String.join(",", set));
        var timeout = env.duration("HOOK_TIMEOUT", HookSettings.DEFAULT_TIMEOUT);
        var failure = HookSettings.OnFailure.valueOf(env.choice("HOOK_FAILURE", "deny", Set.of("deny", "allow"))
                .toUpperCase(Locale.ROOT));
        return new HookSettings(connect, subscribe, publish, timeout, failure, headers(env));
    }

    private static Optional<URI> url(Environment env, String name) throws ConfigException {
        var text = env.secretOrText(name);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            var url = new URI(text.get());
            if (url.isAbsolute() && Set.of("http", "https").contains(url.getScheme()) && url.getHost() != null) {
                return Optional.of(url);
            }
        } catch (URISyntaxException e) {
            // answered below
        }
        throw env.invalid(name, "an http or https URL such as http://app.internal:3000/chat/connect");
    }

    private static List<String> headers(Environment env) throws ConfigException {
        var text = env.optionalText("HOOK_FORWARD_HEADERS").orElse("");
        var names = Arrays.stream(text.split(",")).map(String::strip).filter(name -> !name.isEmpty()).toList();
        for (var name : names) {
            if (!name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
                throw env.invalid("HOOK_FORWARD_HEADERS", "a comma-separated list of header names such as "
                        + "Cookie,X-Session");
            }
        }
        return names;
    }

    private static Map<String, String> defaults() {
        var defaults = new LinkedHashMap<String, String>();
        defaults.put("HOOK_CONNECT_URL", "");
        defaults.put("HOOK_SUBSCRIBE_URL", "");
        defaults.put("HOOK_PUBLISH_URL", "");
        defaults.put("HOOK_TIMEOUT", "1s");
        defaults.put("HOOK_FAILURE", "deny");
        defaults.put("HOOK_FORWARD_HEADERS", "");
        return defaults;
    }
}
