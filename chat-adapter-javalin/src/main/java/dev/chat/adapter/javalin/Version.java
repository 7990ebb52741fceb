package dev.chat.adapter.javalin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of the build this server came from, as Maven wrote it into {@code build.properties}. */
final class Version {

    static final String OF_THIS_BUILD = read();

    private Version() {}

    private static String read() {
        try (var in = Version.class.getResourceAsStream("build.properties")) {
            var properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("build.properties is part of the jar", e);
        }
    }
}
