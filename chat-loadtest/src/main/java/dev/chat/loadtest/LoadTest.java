package dev.chat.loadtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;

/**
 * Runs one scenario against a chat server and prints its report. Progress goes to stderr once a second; the
 * report goes to stdout, as a table or as one JSON line.
 */
public final class LoadTest {

    private LoadTest() {}

    public static void main(String[] args) throws Exception {
        if (Options.asksForHelp(args)) {
            System.out.println(Options.USAGE);
            System.exit(0);
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("chat-loadtest: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        var report = run(options, System.err);
        System.out.print(options.json() ? new ObjectMapper().writeValueAsString(report) + System.lineSeparator()
                : report.table());
        var failure = Verdict.failure(report, options);
        failure.ifPresent(reason -> System.err.println("chat-loadtest: " + reason));
        System.exit(failure.isPresent() ? 1 : 0);
    }

    /** Runs the scenario, printing a line of progress about once a second. */
    static Reports.Report run(Options options, PrintStream progress) throws IOException, InterruptedException {
        if (options.scenario() == Options.Scenario.BURST) {
            return new Burst(options).run(progress);
        }
        try (var session = new Session(options, progress)) {
            return Scenarios.run(session);
        }
    }
}
