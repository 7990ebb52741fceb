package dev.chat.app;

/**
 * The jar's entry point. It is compiled for Java 8 so that it can run on any Java a user may have, and say in one
 * line that the server needs Java 21, instead of failing with a class version stack trace.
 */
public final class Launcher {

    static final int REQUIRED_JAVA = 21;

    private Launcher() {}

    public static void main(String[] args) {
        int running = featureVersion(System.getProperty("java.specification.version"));
        if (running < REQUIRED_JAVA) {
            System.err.println("chat-app needs Java " + REQUIRED_JAVA + " or newer, but this is Java "
                    + System.getProperty("java.version") + " (" + System.getProperty("java.home") + ").");
            System.exit(1);
        }
        Main.main(args);
    }

    /** "1.8" is Java 8; from 9 on the specification version is the feature number itself. */
    static int featureVersion(String specificationVersion) {
        String feature = specificationVersion.startsWith("1.")
                ? specificationVersion.substring(2)
                : specificationVersion;
        return Integer.parseInt(feature.split("\\.")[0]);
    }
}
