package dev.chat.loadtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What each scenario reports; every report prints as a table or, with {@code --json}, as one JSON line. */
final class Reports {

    private Reports() {}

    sealed interface Report permits Connect, Broadcast, Saturate, Churn, Burst {
        String table();
    }

    /** Connection attempts and what became of them. Times in milliseconds. */
    record Connect(String scenario, String url, int requested, int opened, Map<String, Long> failures,
            Latency connectMillis, double seconds, double openedPerSecond, int serverClients,
            Map<String, Long> closedByServer, long fileLimit) implements Report {

        @Override
        public String table() {
            return lines(
                    row("scenario", scenario + " against " + url),
                    row("connections", opened + " of " + requested + " opened in " + fixed(seconds) + " s ("
                            + fixed(openedPerSecond) + "/s)"),
                    row("failures", failures.isEmpty() ? "none" : failures.toString()),
                    row("connect time ms", percentiles(connectMillis)),
                    row("server /health", serverClients < 0 ? "no answer" : serverClients + " clients"),
                    row("closed by server", closedByServer.isEmpty() ? "none" : closedByServer.toString()),
                    row("tester file limit", Long.toString(fileLimit)));
        }
    }

    /**
     * One measured stretch of sending. Latencies in milliseconds.
     *
     * @param resumes with {@code --reconnect}, the clients' ways back; otherwise null
     */
    record Broadcast(String scenario, String url, int clients, Latency connectMillis, int senders, double targetRate,
            double sentPerSecond, long sent, long expected, long received, long lost, double lossPercent,
            long duplicates, long outOfOrder, Latency latencyMillis, double deliveriesPerSecond,
            double generatorCpuCores, long stale, Map<String, Long> otherMessages, Map<String, Long> closedByServer,
            int serverClients, Resumes resumes) implements Report {

        boolean held(double p99LimitMillis, double lossLimitPercent) {
            return received > 0 && latencyMillis.p99() <= p99LimitMillis && lossPercent <= lossLimitPercent;
        }

        @Override
        public String table() {
            return lines(
                    row("scenario", scenario + " against " + url),
                    row("clients", clients + " connected, " + senders + " sending, server counts "
                            + (serverClients < 0 ? "?" : serverClients)),
                    row("connect time ms", percentiles(connectMillis)),
                    row("rate", fixed(sentPerSecond) + " messages/s sent (target " + fixed(targetRate) + ")"),
                    row("sent", Long.toString(sent)),
                    row("deliveries", received + " of " + expected + " expected; lost " + lost + " ("
                            + String.format(Locale.ROOT, "%.3f", lossPercent) + "%), duplicates " + duplicates
                            + ", out of order " + outOfOrder),
                    row("latency ms", percentiles(latencyMillis)),
                    row("deliveries/s", fixed(deliveriesPerSecond)),
                    row("tester CPU", String.format(Locale.ROOT, "%.2f cores", generatorCpuCores)),
                    row("other messages", otherMessages.isEmpty() ? "none" : otherMessages.toString()),
                    row("closed by server", closedByServer.isEmpty() ? "none" : closedByServer.toString()))
                    + (resumes == null ? "" : resumes.table());
        }
    }

    /**
     * Clients that the server closed and that came back, with {@code --reconnect}.
     *
     * @param reconnects   connections that opened again after one was lost
     * @param recovered    resumes whose {@code presence} said {@code "recovered":true}
     * @param notRecovered resumes that said {@code "recovered":false}
     * @param unanswered   resumes closed again before the server answered them with a presence; the client
     *                     resumes once more, from the same message, on the next node
     * @param stillAway    clients not back when the run ended
     * @param unconfirmed  chats written to a connection that closed before the server took them
     * @param awayMillis   from losing a connection to having the next one open
     * @param failures     attempts that did not open, by cause (each tried the next node)
     */
    record Resumes(long reconnects, long recovered, long notRecovered, long unanswered, int stillAway, long unconfirmed,
            Latency awayMillis, Map<String, Long> failures) {

        String table() {
            return lines(
                    row("reconnects", reconnects + "; resumes recovered " + recovered + ", not recovered "
                            + notRecovered + ", closed before answered " + unanswered + "; still away "
                            + stillAway),
                    row("time away ms", percentiles(awayMillis)),
                    row("unconfirmed sends", Long.toString(unconfirmed)),
                    row("failed attempts", failures.isEmpty() ? "none" : failures.toString()));
        }
    }

    /** Rising rates until latency or loss gives way. */
    record Saturate(String scenario, String url, int clients, Latency connectMillis, double p99LimitMillis, double lossLimitPercent,
            List<Broadcast> steps, Broadcast highestHeld) implements Report {

        @Override
        public String table() {
            var text = new StringBuilder(lines(
                    row("scenario", scenario + " against " + url + " with " + clients + " clients"),
                    row("connect time ms", percentiles(connectMillis)),
                    row("limits", "p99 <= " + fixed(p99LimitMillis) + " ms, loss <= " + lossLimitPercent + "%")));
            text.append(String.format(Locale.ROOT, "%n%10s %10s %14s %9s %9s %9s %9s %6s%n",
                    "msgs/s", "sent/s", "deliveries/s", "loss %", "p50 ms", "p99 ms", "max ms", "held"));
            for (var step : steps) {
                text.append(String.format(Locale.ROOT, "%10.0f %10.1f %14.0f %9.3f %9.2f %9.2f %9.2f %6s%n",
                        step.targetRate(), step.sentPerSecond(), step.deliveriesPerSecond(), step.lossPercent(),
                        step.latencyMillis().p50(), step.latencyMillis().p99(), step.latencyMillis().max(),
                        step.held(p99LimitMillis, lossLimitPercent) ? "yes" : "no"));
            }
            text.append(System.lineSeparator()).append(highestHeld == null
                    ? row("highest rate held", "none: the first step already failed")
                    : row("highest rate held", fixed(highestHeld.sentPerSecond()) + " messages/s = "
                            + fixed(highestHeld.deliveriesPerSecond()) + " deliveries/s, p99 "
                            + highestHeld.latencyMillis().p99() + " ms")).append(System.lineSeparator());
            return text.toString();
        }
    }

    /** Connect and disconnect, over and over. */
    record Churn(String scenario, String url, int cycles, long opened, Map<String, Long> failures, double seconds,
            double cyclesPerSecond, int serverClientsAfter, double testerCpuSeconds) implements Report {

        @Override
        public String table() {
            return lines(
                    row("scenario", scenario + " against " + url),
                    row("cycles", opened + " of " + cycles + " connections opened and closed in " + fixed(seconds)
                            + " s (" + fixed(cyclesPerSecond) + "/s)"),
                    row("failures", failures.isEmpty() ? "none" : failures.toString()),
                    row("server /health", serverClientsAfter < 0 ? "no answer" : serverClientsAfter + " clients after"),
                    row("tester CPU", fixed(testerCpuSeconds) + " s"));
        }
    }

    /** Posters flat out, and what each reader and newcomer received. */
    record Burst(String scenario, String url, int posters, int chatsEach, int window, boolean postedAll,
            List<Reception> receptions) implements Report {

        @Override
        public String table() {
            var rows = new ArrayList<String>();
            rows.add(row("scenario", scenario + " against " + url));
            rows.add(row("posters", posters + " x " + chatsEach + " chats, at most " + window + " unechoed each"
                    + (postedAll ? "" : "; some echoes never came back")));
            receptions.forEach(reception -> rows.add(row(reception.client(), reception.summary())));
            return lines(rows.toArray(String[]::new));
        }
    }

    /**
     * What one client received in a burst: its chats, and every break in the ids of the room's messages.
     *
     * @param expectedChats the chats it should have received, or -1 for a newcomer, which missed the start
     * @param gaps          missing id ranges, such as {@code 102-164}
     * @param repeated      ids that were not above the one before
     * @param closeCode     how the server closed it, 0 if it did not
     */
    record Reception(String client, int chats, int expectedChats, long firstId, long lastId, List<String> gaps,
            long repeated, int closeCode) {

        static Reception of(BurstClient client, int expectedChats) {
            var ids = client.ids();
            var gaps = new ArrayList<String>();
            long repeated = 0;
            for (int i = 1; i < ids.size(); i++) {
                long previous = ids.get(i - 1);
                long id = ids.get(i);
                if (id <= previous) {
                    repeated++;
                } else if (id > previous + 1) {
                    gaps.add(id == previous + 2 ? Long.toString(previous + 1) : (previous + 1) + "-" + (id - 1));
                }
            }
            return new Reception(client.name(), client.chats(), expectedChats,
                    ids.isEmpty() ? 0 : ids.getFirst(), ids.isEmpty() ? 0 : ids.getLast(), gaps, repeated,
                    client.closeCode());
        }

        boolean complete() {
            return gaps.isEmpty() && repeated == 0 && closeCode == 0 && (expectedChats < 0 || chats == expectedChats);
        }

        String summary() {
            return chats + (expectedChats < 0 ? "" : " of " + expectedChats) + " chats, ids " + firstId + "-" + lastId
                    + ", gaps " + (gaps.isEmpty() ? "none" : gaps) + ", repeated " + repeated
                    + (closeCode == 0 ? "" : ", closed by the server with " + closeCode);
        }
    }

    private static String percentiles(Latency latency) {
        return String.format(Locale.ROOT, "p50 %.2f  p95 %.2f  p99 %.2f  p99.9 %.2f  max %.2f  (n=%d)",
                latency.p50(), latency.p95(), latency.p99(), latency.p999(), latency.max(), latency.count());
    }

    private static String row(String label, String value) {
        return String.format(Locale.ROOT, "%-18s %s", label, value);
    }

    private static String lines(String... rows) {
        return String.join(System.lineSeparator(), rows) + System.lineSeparator();
    }

    private static String fixed(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
