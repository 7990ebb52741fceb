package dev.chat.adapter.javalin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressRangeTest {

    @ParameterizedTest
    @CsvSource({
        "10.0.0.0/8,     10.255.1.2,   true",
        "10.0.0.0/8,     11.0.0.1,     false",
        "10.89.3.7/24,   10.89.3.200,  true",
        "10.89.3.7/24,   10.89.4.1,    false",
        "10.0.0.5,       10.0.0.5,     true",
        "10.0.0.5,       10.0.0.6,     false",
        "0.0.0.0/0,      192.0.2.1,    true",
        "fd00::/8,       fd12::1,      true",
        "fd00::/8,       fe80::1,      false",
        "10.0.0.0/8,     ::ffff:0a00:0001, true",
        "::1,            127.0.0.1,    false",
    })
    void a_range_holds_the_addresses_that_share_its_prefix(String range, String address, boolean holds)
            throws Exception {
        assertEquals(holds, AddressRange.parse(range).orElseThrow().contains(InetAddress.getByName(address)));
    }

    @ParameterizedTest
    @CsvSource({"10.89.3.7/24, 10.89.3.0/24", "10.0.0.5, 10.0.0.5", "::1, 0:0:0:0:0:0:0:1", "fd12::/8, fd00:0:0:0:0:0:0:0/8"})
    void a_range_is_written_as_its_first_address_and_prefix(String text, String written) {
        assertEquals(written, AddressRange.parse(text).orElseThrow().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"proxy.internal", "10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/", "10.0.0.0/x", "/8", ""})
    void anything_but_an_address_or_a_block_is_refused(String text) {
        assertEquals(Optional.empty(), AddressRange.parse(text));
    }

    @Test
    void a_single_address_holds_itself_only() throws Exception {
        var one = AddressRange.of(InetAddress.getByName("192.0.2.7"));
        assertTrue(one.contains(InetAddress.getByName("192.0.2.7")));
        assertFalse(one.contains(InetAddress.getByName("192.0.2.6")));
    }
}
