package dev.chat.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

public final class CheckedAssertions {

    private CheckedAssertions() {}

    public static <T> T assertAccepted(Checked<T> checked) {
        if (checked instanceof Checked.Accepted<T>(T value)) {
            return value;
        }
        return fail("expected the input to be accepted, but: " + checked);
    }

    public static Rejection assertRejected(ErrorCode expected, Checked<?> checked) {
        if (checked instanceof Checked.Rejected<?>(Rejection rejection)) {
            assertEquals(expected, rejection.code(), rejection.message());
            return rejection;
        }
        return fail("expected a " + expected.wireCode() + " rejection, but: " + checked);
    }
}
