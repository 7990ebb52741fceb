package dev.chat.loadtest;

import java.util.BitSet;

/**
 * What one receiver got of one phase's probes: every sequence number of every sender is remembered, so a
 * duplicate is told apart from a late arrival.
 */
final class Deliveries {

    private final BitSet[] seen;
    private final int[] highest;
    private long unique;
    private long duplicates;
    private long outOfOrder;

    Deliveries(int senders) {
        seen = new BitSet[senders];
        highest = new int[senders];
        for (int s = 0; s < senders; s++) {
            seen[s] = new BitSet();
            highest[s] = -1;
        }
    }

    /** True if this probe is news to this receiver. */
    boolean record(int sender, int sequence) {
        if (sender < 0 || sender >= seen.length || sequence < 0) {
            return false;
        }
        if (seen[sender].get(sequence)) {
            duplicates++;
            return false;
        }
        seen[sender].set(sequence);
        unique++;
        if (sequence < highest[sender]) {
            outOfOrder++;
        } else {
            highest[sender] = sequence;
        }
        return true;
    }

    /** Distinct probes of one sender received. */
    long uniqueFrom(int sender) {
        return sender < seen.length ? seen[sender].cardinality() : 0;
    }

    long unique() {
        return unique;
    }

    long duplicates() {
        return duplicates;
    }

    long outOfOrder() {
        return outOfOrder;
    }
}
