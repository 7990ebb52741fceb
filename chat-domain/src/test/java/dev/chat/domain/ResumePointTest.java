package dev.chat.domain;

import static dev.chat.domain.CheckedAssertions.assertAccepted;
import static dev.chat.domain.CheckedAssertions.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ResumePointTest {

    @Test
    void a_resume_point_is_a_message_id_or_nothing() {
        assertNull(assertAccepted(ResumePoint.check(null)));
        assertNull(assertAccepted(ResumePoint.check("")));
        assertEquals(0L, assertAccepted(ResumePoint.check("0")));
        assertEquals(42L, assertAccepted(ResumePoint.check("42")));
        assertRejected(ErrorCode.INVALID_SINCE, ResumePoint.check("-1"));
        assertRejected(ErrorCode.INVALID_SINCE, ResumePoint.check("forty"));
    }
}
