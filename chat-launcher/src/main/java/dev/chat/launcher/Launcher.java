package dev.chat.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

/**
 * The entry point of every jar the project ships. It is compiled for Java 8 so that it can run on any Java a user
 * may have, and say in one line that the program needs Java 21, instead of failing with a class version stack trace.
 * The jar's manifest names the program ({@value #PROGRAM}) and its real main class ({@value #MAIN_CLASS}).
 */
public final class Launcher {

    static final int REQUIRED_JAVA = 21;
    static final String PROGRAM = "Chat-Program";
    static final String MAIN_CLASS = "Chat-Main-Class";

    private Launcher() {}

    public static void main(String[] args) throws Throwable {
        Attributes manifest = manifest();
        String program = manifest.getValue(PROGRAM);
        int running = featureVersion(System.getProperty("java.specification.version"));
        if (running < REQUIRED_JAVA) {
            System.err.println(program + " needs Java " + REQUIRED_JAVA + " or newer, but this is Java "
                    + System.getProperty("java.version") + " (" + System.getProperty("java.home") + ").");
            System.exit(1);
        }
        try {
            Class.forName(manifest.getValue(MAIN_CLASS)).getMethod("main", String[].class)
                    .invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** "1.8" is Java 8; from 9 on the specification version is the feature number itself. */
    public static int featureVersion(String specificationVersion) {
        String feature = specificationVersion.startsWith("1.")
                ? specificationVersion.substring(2)
                : specificationVersion;
        return Integer.parseInt(feature.split("\\.")[0]);
    }

    /**
     * The jar's manifest, found by name on the class path rather than through this class's code source: a class
     * loaded from an ahead-of-time cache made where the jar no longer is has a code source with no location.
     */
    private static Attributes manifest() throws IOException {
        try (InputStream in = Launcher.class.getResourceAsStream("/META-INF/MANIFEST.MF")) {
            if (in == null) {
                throw new IOException("the launcher is not in a jar with a manifest");
            }
            return new Manifest(in).getMainAttributes();
        }
    }
}
