package org.parley.offline;

import org.parley.schema.StoreContract;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link OfflineStore} must do, run against H2 and MariaDB/MySQL by the subclasses. */
abstract class OfflineStoreContract extends StoreContract {
    private OfflineStore store;

    @BeforeEach
    final void createStore() {
        store = new JooqOfflineStore(database);
    }

    @Test
    void messagesComeBackOldestFirstWithSenderTimeAndXml() {
        String bob = newAccount();
        Instant at = Instant.parse("2026-11-23T10:15:30.123456Z");
        long first = store.store(bob, "alice@localhost/phone", at, "<message><body>één 🌹</body></message>");
        long second = store.store(bob, "carol@localhost/pc", at.plusSeconds(1), "<message><body>2</body></message>");

        List<OfflineMessage> messages = store.oldest(bob, 10);

        assertThat(second).isGreaterThan(first);
        assertThat(messages).extracting(OfflineMessage::id).containsExactly(first, second);
        assertThat(messages.getFirst().sender()).isEqualTo("alice@localhost/phone");
        assertThat(messages.getFirst().storedAt()).isEqualTo(Instant.parse("2026-11-23T10:15:30.123Z"));
        assertThat(messages.getFirst().stanzaXml()).isEqualTo("<message><body>één 🌹</body></message>");
        assertThat(store.oldest(bob, 1)).extracting(OfflineMessage::id).containsExactly(first);
    }

    @Test
    void countAndDeleteConcernOneUserOnly() {
        String bob = newAccount();
        String carol = newAccount();
        long b1 = store.store(bob, "a@localhost/x", Instant.now(), "<message/>");
        store.store(bob, "a@localhost/x", Instant.now(), "<message/>");
        long c1 = store.store(carol, "a@localhost/x", Instant.now(), "<message/>");

        assertThat(store.count(bob)).isEqualTo(2);
        assertThat(store.delete(bob, List.of(b1, c1))).as("carol's message is not bob's to delete").isEqualTo(1);
        assertThat(store.count(bob)).isEqualTo(1);
        assertThat(store.count(carol)).isEqualTo(1);
        assertThat(store.delete(bob, List.of())).isZero();
    }
}
