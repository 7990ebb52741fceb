package com.example.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The embedding guide shows this project's POM and program whole, and what the program prints: all checked here. */
class EmbeddedChatTest {

    /** In this repository, two folders up; the build, which runs this in a copy, says where. */
    private static final Path GUIDE = Path.of(System.getProperty("embedding.guide", "../../docs/embedding.md"));
    private static final Path SOURCE = Path.of("src", "main", "java", "com", "example", "chat", "EmbeddedChat.java");
    private static final Pattern TIMESTAMP = Pattern.compile("\"timestamp\":\"[^\"]+\"");

    @Test
    void the_guide_shows_the_pom_and_the_program_as_they_are() throws IOException {
        var guide = Files.readString(GUIDE);
        assertTrue(guide.contains("```xml\n" + Files.readString(Path.of("pom.xml")) + "```"), "pom.xml differs");
        assertEquals(Files.readString(SOURCE).strip(), block("java"));
    }

    @Test
    void the_program_prints_what_the_guide_says() throws IOException {
        var printed = new ByteArrayOutputStream();
        var console = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            EmbeddedChat.main(new String[0]);
        } finally {
            System.setOut(console);
        }
        assertEquals(withoutTime(block("text")), withoutTime(printed.toString(StandardCharsets.UTF_8).strip()));
    }

    private static String withoutTime(String text) {
        return TIMESTAMP.matcher(text).replaceAll("\"timestamp\":\"...\"");
    }

    /** The guide's first code block in this language. */
    private static String block(String language) throws IOException {
        var guide = Files.readString(GUIDE);
        var fence = "```" + language + "\n";
        int start = guide.indexOf(fence) + fence.length();
        return guide.substring(start, guide.indexOf("\n```", start)).strip();
    }
}
