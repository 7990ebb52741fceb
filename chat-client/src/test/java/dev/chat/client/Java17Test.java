package dev.chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The library runs on Java 17: every class of it is Java 17 bytecode (major version 61), and it was compiled against
 * Java 17's API ({@code maven.compiler.release}), so it calls nothing newer.
 */
class Java17Test {

    @Test
    void every_class_of_the_library_is_java_17_bytecode() throws IOException {
        try (Stream<Path> classes = Files.walk(Path.of("target/classes"))) {
            var checked = classes.filter(path -> path.toString().endsWith(".class")).peek(path -> {
                try (var in = new DataInputStream(Files.newInputStream(path))) {
                    in.readInt();
                    in.readUnsignedShort();
                    assertEquals(61, in.readUnsignedShort(), path.toString());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).count();
            assertTrue(checked >= 6, checked + " classes");
        }
    }
}
