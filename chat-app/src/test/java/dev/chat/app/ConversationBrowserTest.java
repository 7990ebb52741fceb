package dev.chat.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Edits, deletions and reactions on the chat page, between two people in real browsers against the real server. */
class ConversationBrowserTest {

    @TempDir
    Path data;
    private ServedPages pages;
    private Browser alice;
    private Browser bob;

    @BeforeEach
    void twoPeopleChatting() throws Exception {
        pages = new ServedPages(data);
        pages.start(Map.of());
        alice = pages.browser();
        bob = pages.browser();
        alice.enterChat(pages.base(), "Alice", null);
        bob.enterChat(pages.base(), "Bob", null);
        alice.type("content", "helo <b>world</b>");
        bob.await(page -> page.texts("#messages .chat .text").contains("helo <b>world</b>"), "Alice's chat at Bob's");
    }

    @AfterEach
    void closeEverything() throws Exception {
        pages.close();
    }

    @Test
    void the_author_edits_a_chat_and_both_pages_show_the_new_text_marked_edited() {
        assertEquals(List.of(), bob.texts("#messages .chat .edit"), "only the author is offered edit");
        alice.click("#messages .chat .edit");
        alice.script("document.getElementById('content').value = ''");
        alice.type("content", "hello <b>world</b>");

        for (var page : List.of(alice, bob)) {
            page.await(it -> it.texts("#messages .chat .text").equals(List.of("hello <b>world</b>")), "the edited text");
            page.await(it -> it.texts("#messages .chat .edited").equals(List.of("(edited)")), "the edited mark");
        }
        assertEquals(0L, bob.script("return document.querySelectorAll('#messages b').length"), "text, never HTML");
    }

    @Test
    void the_author_deletes_a_chat_and_a_newcomer_never_sees_its_text() throws Exception {
        alice.click("#messages .chat .delete");

        bob.await(page -> page.texts("#messages .chat .text").equals(List.of("message deleted")), "the deletion");
        var carol = pages.browser();
        carol.enterChat(pages.base(), "Carol", null);
        carol.await(page -> page.texts("#messages .chat .text").equals(List.of("message deleted")),
                "the chat in its place, deleted");
        assertTrue(carol.texts("#messages .text").stream().noneMatch(text -> text.contains("helo")));
    }

    @Test
    void a_reaction_shows_its_count_to_everyone_and_a_second_click_takes_it_back() {
        bob.click("#messages .chat .reaction.add");

        alice.await(page -> page.texts("#messages .chat .reaction").contains("👍 1"), "Bob's reaction at Alice's");
        alice.click("#messages .chat .reaction:not(.add)");
        bob.await(page -> page.texts("#messages .chat .reaction").contains("👍 2"), "Alice's reaction too");
        bob.click("#messages .chat .reaction:not(.add)");
        alice.await(page -> page.texts("#messages .chat .reaction").contains("👍 1"), "Bob's taken back");
        var carol = pages.browser();
        carol.enterChat(pages.base(), "Carol", null);
        carol.await(page -> page.texts("#messages .chat .reaction").contains("👍 1"), "the count in history");
    }

    @Test
    void a_chat_in_a_room_not_shown_raises_its_badge_and_showing_the_room_reads_it_on_every_tab() {
        bob.type("room-name", "ops");
        bob.await(page -> page.texts("#tabs .tab.current .link").equals(List.of("ops")), "Bob in ops");
        var bobsOtherTab = pages.browser();
        bobsOtherTab.get(pages.base() + "/");
        bobsOtherTab.script("sessionStorage.setItem('chat.userId', arguments[0])",
                bob.script("return sessionStorage.getItem('chat.userId')"));

        alice.type("content", "are you there?");

        bob.await(page -> page.texts("#tabs .badge").equals(List.of("1")), "the badge on dev");
        bobsOtherTab.enterChat(pages.base(), "Bob", null);
        bobsOtherTab.await(page -> page.texts("#messages .chat .text").contains("are you there?"), "the chat");
        bob.await(page -> page.texts("#tabs .badge").isEmpty(), "read on the other tab, so read here too");
    }
}
