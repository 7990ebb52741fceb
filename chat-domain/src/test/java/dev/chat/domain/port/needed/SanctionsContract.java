package dev.chat.domain.port.needed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chat.domain.Sanction;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Sanctions} does, ours or an embedder's: a store's test extends this class and says how to make a
 * fresh, empty one. Published in {@code chat-domain}'s test jar, as {@link MessageStoreContract} is.
 */
public abstract class SanctionsContract {

    private static final Instant AT = Instant.parse("2026-12-06T10:00:00Z");
    private static final Sanction BAN = new Sanction("mallory", Sanction.Kind.BAN,
            Optional.of(Instant.parse("2026-12-31T00:00:00Z")), "spam", AT);
    private static final Sanction MUTE = new Sanction("mallory", Sanction.Kind.MUTE, Optional.empty(), "", AT);

    private Sanctions sanctions;

    /** A store with no sanction in it. */
    protected abstract Sanctions newSanctions();

    @BeforeEach
    void freshStore() {
        sanctions = newSanctions();
    }

    @Test
    void a_fresh_store_holds_none() {
        assertEquals(List.of(), sanctions.all());
    }

    @Test
    void a_user_holds_one_sanction_of_each_kind_the_latest_kept_exactly() {
        sanctions.impose(BAN);
        sanctions.impose(MUTE);
        var longer = new Sanction("mallory", Sanction.Kind.BAN, Optional.empty(), "spam, again", AT.plusSeconds(60));
        sanctions.impose(longer);

        assertEquals(List.of(longer, MUTE), sorted(sanctions.all()));
    }

    @Test
    void a_lifted_sanction_is_gone_and_lifting_one_there_is_not_changes_nothing() {
        sanctions.impose(BAN);
        sanctions.impose(MUTE);

        sanctions.lift("mallory", Sanction.Kind.MUTE);
        sanctions.lift("mallory", Sanction.Kind.MUTE);
        sanctions.lift("nobody", Sanction.Kind.BAN);

        assertEquals(List.of(BAN), sanctions.all());
    }

    private static List<Sanction> sorted(List<Sanction> all) {
        return all.stream().sorted(Comparator.comparing(Sanction::kind)).toList();
    }
}
