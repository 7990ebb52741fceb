package dev.chat.loadtest;

import java.util.Locale;
import java.util.Optional;

/** Whether a run did what it was asked. One that did not exits non-zero, with the reason. */
final class Verdict {

    private Verdict() {}

    static Optional<String> failure(Reports.Report report, Options options) {
        return switch (report) {
            case Reports.Connect connect -> fewer("connections opened", connect.opened(), connect.requested());
            case Reports.Broadcast broadcast -> broadcast(broadcast, options);
            case Reports.Saturate saturate -> fewer("clients connected", saturate.clients(), options.clients())
                    .or(() -> saturate.highestHeld() == null
                            ? Optional.of("not even the first step held its limits")
                            : Optional.empty());
            case Reports.Churn churn -> fewer("connections opened", churn.opened(), churn.cycles());
            case Reports.Burst burst -> burst(burst);
        };
    }

    private static Optional<String> broadcast(Reports.Broadcast broadcast, Options options) {
        return fewer("clients connected", broadcast.clients(), options.clients())
                .or(() -> broadcast.received() == 0 ? Optional.of("nothing was delivered") : Optional.empty())
                .or(() -> broadcast.lossPercent() > options.lossLimitPercent()
                        ? Optional.of(String.format(Locale.ROOT, "lost %.3f%% of deliveries, more than --loss-limit %s%%",
                                broadcast.lossPercent(), options.lossLimitPercent()))
                        : Optional.empty())
                .or(() -> broadcast.resumes() == null ? Optional.empty() : resumes(broadcast.resumes()));
    }

    private static Optional<String> resumes(Reports.Resumes resumes) {
        if (resumes.stillAway() > 0) {
            return Optional.of(resumes.stillAway() + " clients did not come back");
        }
        return resumes.notRecovered() > 0
                ? Optional.of(resumes.notRecovered() + " resumes did not recover every message they missed")
                : Optional.empty();
    }

    private static Optional<String> burst(Reports.Burst burst) {
        return burst.receptions().stream()
                .filter(reception -> !reception.complete())
                .findFirst()
                .map(reception -> reception.client() + " did not receive every chat in order: " + reception.summary())
                .or(() -> burst.postedAll() ? Optional.empty() : Optional.of("a poster's echoes stopped coming back"));
    }

    private static Optional<String> fewer(String what, long done, long asked) {
        return done < asked ? Optional.of("only " + done + " of " + asked + " " + what) : Optional.empty();
    }
}
