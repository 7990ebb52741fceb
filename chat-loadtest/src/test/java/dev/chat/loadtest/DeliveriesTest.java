package dev.chat.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DeliveriesTest {

    private final Deliveries deliveries = new Deliveries(2);

    @Test
    void every_probe_of_every_sender_in_order_is_unique_and_in_order() {
        for (int sequence = 0; sequence < 5; sequence++) {
            assertTrue(deliveries.record(0, sequence));
            assertTrue(deliveries.record(1, sequence));
        }

        assertEquals(10, deliveries.unique());
        assertEquals(0, deliveries.duplicates());
        assertEquals(0, deliveries.outOfOrder());
    }

    @Test
    void a_probe_seen_twice_is_a_duplicate_and_counted_once() {
        deliveries.record(0, 0);

        assertFalse(deliveries.record(0, 0));

        assertEquals(1, deliveries.unique());
        assertEquals(1, deliveries.duplicates());
    }

    @Test
    void a_probe_that_arrives_after_a_later_one_of_its_sender_is_out_of_order_but_not_lost() {
        deliveries.record(0, 0);
        deliveries.record(0, 2);
        deliveries.record(1, 0);
        deliveries.record(0, 1);

        assertEquals(4, deliveries.unique());
        assertEquals(1, deliveries.outOfOrder());
    }

    @Test
    void a_probe_from_a_sender_outside_the_phase_is_ignored() {
        assertFalse(deliveries.record(5, 0));
        assertFalse(deliveries.record(0, -1));
        assertEquals(0, deliveries.unique());
    }
}
