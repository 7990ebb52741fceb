package dev.chat.loadtest;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Everything a run can be told, from the command line. */
record Options(
        Scenario scenario, List<URI> urls, List<URI> health, int clients, double connectRate, Duration connectTimeout,
        Duration hold, int senders, double rate, Duration warmup, Duration duration, Duration drain,
        Duration p99Limit, double lossLimitPercent, double startRate, double stepFactor, int maxSteps, int cycles,
        int concurrency, int rooms, int threads, Duration poll, int sourceAddresses, BurstShape burst,
        Duration typing, Duration reading, boolean reconnect, boolean roomAffinity, boolean json) {

    enum Scenario { CONNECT, BROADCAST, SATURATE, CHURN, BURST }

    /** The burst scenario's posters, each sending {@code chats} with at most {@code window} unechoed. */
    record BurstShape(int posters, int chats, int window, int readers, int newcomers) {}

    static final String USAGE = """
            usage: java -jar chat-loadtest.jar <connect|broadcast|saturate|churn|burst> [options]

              --url URL[,URL...]     the server's WebSocket endpoint       (ws://127.0.0.1:8080/ws)
                                     several, comma-separated, are the nodes of one cluster: the
                                     clients of every room are spread over all of them
              --health URL[,URL...]  each one's health endpoint            (http://<host>:<port>/health)
              --clients N            clients to connect                    (1000)
              --connect-rate N       connections opened per second         (1000)
              --connect-timeout D    for one connection to open            (10s)
              --hold D               connect: how long to hold them        (5s)
              --senders N            broadcast, saturate: clients sending  (10)
              --rate N               broadcast: messages per second, total (50)
              --warmup D             unmeasured sending before each run    (5s; saturate 3s)
              --duration D           measured sending                      (20s; saturate 10s per step)
              --drain D              longest wait for the last deliveries  (5s)
              --p99-limit D          saturate: the latency a step must hold (100ms)
              --loss-limit PERCENT   broadcast, saturate: the loss a run or step may have (1)
              --start-rate N         saturate: the first step's rate       (100)
              --step-factor F        saturate: each step's rate over the last's (1.25)
              --max-steps N          saturate: at most this many steps     (20)
              --cycles N             churn: connect/disconnect cycles      (20000)
              --concurrency N        churn: clients at a time              (100)
              --posters N            burst: clients posting flat out       (3)
              --chats N              burst: chats each poster sends        (800)
              --window N             burst: a poster's chats unechoed at most (64)
              --readers N            burst: clients that only read         (1)
              --newcomers N          burst: clients entering mid-burst     (1)
              --rooms N              spread the clients over N rooms, room-0 to room-<N-1>; 1 keeps
                                     them all in the server's default room (1)
              --room-affinity        with several --url: every client of room i connects to node
                                     i modulo the nodes, so each room lives on one node, rather than
                                     each room's clients spread over every node
              --threads N            the tester's network threads          (2)
              --poll D               how long a network thread rests when no socket is ready (1ms)
              --source-ips N         loopback source addresses to use      (64)
              --typing D             broadcast, saturate: each client also says it is typing
                                     once every D, spread evenly: the typing mix  (none)
              --reading D            broadcast, saturate: each client also marks its room read
                                     up to the last message it saw once every D, spread
                                     evenly: the reading mix  (none)
              --reconnect            broadcast, saturate: a client the server closes with 1001, 1006,
                                     1011, 1012 or 1013 reconnects at once to the next --url, resuming
                                     after the last message it saw; a sender's chat counts as sent once
                                     it comes back to it. The report says how many came back, whether
                                     they recovered, and how long they were away
              --json                 one JSON line on stdout instead of a table
              --help, -h             this text
            durations: 500ms, 20s, 2m
            exit status: 0 done, 1 the server did not do what was asked (the reason is on stderr), 2 bad usage""";

    private static final String SCENARIOS = "connect, broadcast, saturate, churn or burst";

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)");

    static boolean asksForHelp(String... args) {
        return Arrays.stream(args).anyMatch(arg -> arg.equals("--help") || arg.equals("-h"));
    }

    static Options parse(String... args) {
        if (args.length == 0 || args[0].startsWith("-")) {
            throw new IllegalArgumentException("name a scenario: " + SCENARIOS);
        }
        var scenario = scenario(args[0]);
        var saturate = scenario == Scenario.SATURATE;
        var values = new java.util.HashMap<String, String>();
        boolean json = false;
        boolean reconnect = false;
        boolean roomAffinity = false;
        for (int i = 1; i < args.length; i++) {
            var name = args[i];
            if (name.equals("--json")) {
                json = true;
            } else if (name.equals("--reconnect")) {
                reconnect = true;
            } else if (name.equals("--room-affinity")) {
                roomAffinity = true;
            } else if (name.startsWith("--") && i + 1 < args.length) {
                values.put(name.substring(2), args[++i]);
            } else if (name.startsWith("--")) {
                throw new IllegalArgumentException(name + " needs a value");
            } else {
                throw new IllegalArgumentException("unexpected argument '" + name + "'");
            }
        }
        var reader = new Reader(values);
        var urls = reader.uris("url", "ws://127.0.0.1:8080/ws");
        for (var url : urls) {
            if (!"ws".equals(url.getScheme()) || url.getPort() < 0) {
                throw new IllegalArgumentException("--url must be ws://host:port/path, not '" + url + "'");
            }
        }
        var options = new Options(scenario, urls,
                reader.uris("health", String.join(",", urls.stream().map(Options::healthOf).toList())),
                reader.positive("clients", 1000),
                reader.number("connect-rate", 1000),
                reader.duration("connect-timeout", Duration.ofSeconds(10)),
                reader.duration("hold", Duration.ofSeconds(5)),
                reader.count("senders", 10),
                reader.number("rate", 50),
                reader.duration("warmup", Duration.ofSeconds(saturate ? 3 : 5)),
                reader.duration("duration", Duration.ofSeconds(saturate ? 10 : 20)),
                reader.duration("drain", Duration.ofSeconds(5)),
                reader.duration("p99-limit", Duration.ofMillis(100)),
                reader.number("loss-limit", 1),
                reader.number("start-rate", 100),
                reader.number("step-factor", 1.25),
                reader.count("max-steps", 20),
                reader.count("cycles", 20_000),
                reader.count("concurrency", 100),
                Math.max(1, reader.count("rooms", 1)),
                reader.count("threads", 2),
                reader.duration("poll", Duration.ofMillis(1)),
                reader.count("source-ips", 64),
                new BurstShape(reader.positive("posters", 3), reader.positive("chats", 800),
                        reader.positive("window", 64), reader.count("readers", 1), reader.count("newcomers", 1)),
                reader.duration("typing", Duration.ZERO), reader.duration("reading", Duration.ZERO), reconnect, roomAffinity,
                json);
        reader.rejectUnknown();
        return options;
    }

    /** The endpoints, as a report names them. */
    String target() {
        return String.join(",", urls.stream().map(URI::toString).toList());
    }

    private static String healthOf(URI url) {
        return "http://" + url.getHost() + ":" + url.getPort() + "/health";
    }

    private static Scenario scenario(String name) {
        try {
            return Scenario.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown scenario '" + name + "': " + SCENARIOS);
        }
    }

    static Duration duration(String text) {
        var matcher = DURATION.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration such as 500ms, 20s or 2m");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            default -> Duration.ofMinutes(amount);
        };
    }

    /** Takes each option out of the map as it is read, so that what is left over is a typo. */
    private record Reader(java.util.Map<String, String> values) {

        List<URI> uris(String name, String fallback) {
            var text = values.remove(name);
            return Arrays.stream((text == null ? fallback : text).split(",")).map(URI::create).toList();
        }

        int count(String name, int fallback) {
            var text = values.remove(name);
            try {
                int value = text == null ? fallback : Integer.parseInt(text);
                if (value < 0) {
                    throw new NumberFormatException();
                }
                return value;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " must be a whole number, not '" + text + "'");
            }
        }

        int positive(String name, int fallback) {
            int value = count(name, fallback);
            if (value == 0) {
                throw new IllegalArgumentException("--" + name + " must be at least 1");
            }
            return value;
        }

        double number(String name, double fallback) {
            var text = values.remove(name);
            try {
                double value = text == null ? fallback : Double.parseDouble(text);
                if (!(value > 0)) {
                    throw new NumberFormatException();
                }
                return value;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " must be a positive number, not '" + text + "'");
            }
        }

        Duration duration(String name, Duration fallback) {
            var text = values.remove(name);
            return text == null ? fallback : Options.duration(text);
        }

        void rejectUnknown() {
            if (!values.isEmpty()) {
                throw new IllegalArgumentException("unknown option --" + values.keySet().iterator().next());
            }
        }
    }
}
