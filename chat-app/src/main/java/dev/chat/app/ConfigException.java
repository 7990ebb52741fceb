package dev.chat.app;

/** A configuration value the server cannot run with. The message is one line naming the variable. */
final class ConfigException extends Exception {

    ConfigException(String message) {
        super(message, null, false, false);
    }
}
