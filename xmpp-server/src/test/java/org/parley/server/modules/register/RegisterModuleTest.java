package org.parley.server.modules.register;

import org.dom4j.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.schema.Database;
import org.parley.server.account.Accounts;
import org.parley.server.account.JooqAccountStore;
import org.parley.xmpp.core.module.testing.RecordingOutbox;
import org.parley.xmpp.core.Namespaces;
import org.parley.xmpp.core.sasl.ScramHash;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.server.modules.Iqs.assertStanzaError;
import static org.parley.server.modules.Iqs.iq;

/**
 * In-Band Registration (XEP-0077) handler tests, named after the XEP's use cases, on a real H2 account store.
 * Fixtures follow the XEP's examples (with {@code localhost} for {@code shakespeare.lit}).
 */
class RegisterModuleTest {
    private final RecordingOutbox outbox = new RecordingOutbox();
    private final List<JID> closedSessions = new ArrayList<>();
    private Database database;
    private Accounts accounts;
    private RegisterModule module;

    @BeforeEach
    void openStore() {
        database = Database.open("jdbc:h2:mem:test-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "", "", 2);
        accounts = new Accounts(new JooqAccountStore(database), 4096);
        module = new RegisterModule(accounts, true, closedSessions::add);
    }

    @AfterEach
    void closeStore() {
        database.close();
    }

    // ---- §3.1 Entity Registers with a Host ----

    @Test
    void entityRequestsTheRegistrationFields() throws Exception {
        // XEP-0077 Example 1 → Example 2.
        IQ result = module.handle(iq("<iq type='get' id='reg1' to='localhost'><query xmlns='jabber:iq:register'/></iq>"), outbox);

        assertThat(result.getType()).isEqualTo(IQ.Type.result);
        assertThat(result.getID()).isEqualTo("reg1");
        Element query = result.getChildElement();
        assertThat(query.getNamespaceURI()).isEqualTo(Namespaces.REGISTER);
        assertThat(query.element("instructions")).isNotNull();
        assertThat(query.element("username")).isNotNull();
        assertThat(query.element("password")).isNotNull();
        assertThat(query.element("registered")).isNull();
    }

    @Test
    void entityRegistersWithUsernameAndPassword() throws Exception {
        // XEP-0077 Example 3 → Example 4 (the extra <email/> field is not required).
        IQ result = module.handle(iq("""
                <iq type='set' id='reg2' to='localhost'>
                  <query xmlns='jabber:iq:register'>
                    <username>bill</username><password>Calliope</password><email>bard@shakespeare.lit</email>
                  </query>
                </iq>"""), outbox);

        assertThat(result.getType()).isEqualTo(IQ.Type.result);
        assertThat(result.getID()).isEqualTo("reg2");
        assertThat(accounts.exists("bill")).isTrue();
        for (ScramHash hash : ScramHash.values()) {
            assertThat(accounts.store().credentials("bill", hash))
                    .hasValueSatisfying(c -> assertThat(c.verifyPassword("Calliope")).isTrue());
        }
        assertThat(outbox.sent()).isEmpty();
        assertThat(outbox.afterReply()).isEmpty();
    }

    @Test
    void usernameAlreadyTakenIsConflict() throws Exception {
        // XEP-0077 §3.1: "If the desired username is already taken, the server MUST return <conflict/>".
        accounts.create("bill", "Calliope");

        assertStanzaError(() -> module.handle(register("reg2", "bill", "Thalia"), outbox), PacketError.Condition.conflict);
        assertThat(accounts.store().credentials("bill", ScramHash.SHA_256))
                .hasValueSatisfying(c -> assertThat(c.verifyPassword("Calliope")).isTrue());
    }

    @Test
    void usernameDifferingOnlyInCaseIsConflict() throws Exception {
        // RFC 7622 §3.3: localparts are case-folded, so BILL is bill.
        accounts.create("bill", "Calliope");

        assertStanzaError(() -> module.handle(register("reg2", "BILL", "Thalia"), outbox), PacketError.Condition.conflict);
    }

    @Test
    void missingPasswordIsNotAcceptable() {
        // XEP-0077 §3.1: a submission without a required field gets <not-acceptable/>.
        assertStanzaError(() -> module.handle(iq("""
                <iq type='set' id='reg2' to='localhost'>
                  <query xmlns='jabber:iq:register'><username>bill</username></query>
                </iq>"""), outbox), PacketError.Condition.not_acceptable);
        assertThat(accounts.exists("bill")).isFalse();
    }

    @Test
    void usernameThatIsNotAValidLocalpartIsNotAcceptable() {
        assertStanzaError(() -> module.handle(register("reg2", "bill@globe", "Calliope"), outbox),
                PacketError.Condition.not_acceptable);
        assertThat(accounts.store().usernames(10)).isEmpty();
    }

    @Test
    void registrationDisabledIsNotAllowed() {
        RegisterModule closed = new RegisterModule(accounts, false, closedSessions::add);

        assertStanzaError(() -> closed.handle(iq("<iq type='get' id='reg1' to='localhost'><query xmlns='jabber:iq:register'/></iq>"),
                outbox), PacketError.Condition.not_allowed);
        assertStanzaError(() -> closed.handle(register("reg2", "bill", "Calliope"), outbox), PacketError.Condition.not_allowed);
        assertThat(accounts.exists("bill")).isFalse();
    }

    @Test
    void loggedInEntityIsToldItIsRegistered() throws Exception {
        // XEP-0077 Example 5: a registered entity gets <registered/> and its username.
        accounts.create("bill", "Calliope");

        IQ result = module.handle(iq("<iq type='get' id='reg1' from='bill@localhost/globe'>"
                + "<query xmlns='jabber:iq:register'/></iq>"), outbox);

        Element query = result.getChildElement();
        assertThat(query.element("registered")).isNotNull();
        assertThat(query.elementText("username")).isEqualTo("bill");
    }

    // ---- §3.3 User Changes Password ----

    @Test
    void userChangesPassword() throws Exception {
        // XEP-0077 Example 18.
        accounts.create("bill", "Calliope");

        IQ result = module.handle(iq("""
                <iq type='set' id='change1' from='bill@localhost/globe' to='localhost'>
                  <query xmlns='jabber:iq:register'><username>bill</username><password>newpass</password></query>
                </iq>"""), outbox);

        assertThat(result.getType()).isEqualTo(IQ.Type.result);
        assertThat(result.getID()).isEqualTo("change1");
        for (ScramHash hash : ScramHash.values()) {
            assertThat(accounts.store().credentials("bill", hash)).hasValueSatisfying(c -> {
                assertThat(c.verifyPassword("newpass")).isTrue();
                assertThat(c.verifyPassword("Calliope")).isFalse();
            });
        }
    }

    @Test
    void userChangesPasswordEvenWhenAccountCreationIsDisabled() throws Exception {
        accounts.create("bill", "Calliope");
        RegisterModule closed = new RegisterModule(accounts, false, closedSessions::add);

        closed.handle(iq("""
                <iq type='set' id='change1' from='bill@localhost/globe'>
                  <query xmlns='jabber:iq:register'><username>bill</username><password>newpass</password></query>
                </iq>"""), outbox);

        assertThat(accounts.store().credentials("bill", ScramHash.SHA_256))
                .hasValueSatisfying(c -> assertThat(c.verifyPassword("newpass")).isTrue());
    }

    @Test
    void userCannotChangeAnotherAccountsPassword() throws Exception {
        accounts.create("bill", "Calliope");
        accounts.create("juliet", "R0m30");

        assertStanzaError(() -> module.handle(iq("""
                <iq type='set' id='change1' from='bill@localhost/globe'>
                  <query xmlns='jabber:iq:register'><username>juliet</username><password>stolen</password></query>
                </iq>"""), outbox), PacketError.Condition.not_authorized);
        assertThat(accounts.store().credentials("juliet", ScramHash.SHA_256))
                .hasValueSatisfying(c -> assertThat(c.verifyPassword("R0m30")).isTrue());
    }

    @Test
    void requestAddressedToAnotherAccountIsForbidden() throws Exception {
        accounts.create("juliet", "R0m30");

        assertStanzaError(() -> module.handle(iq("""
                <iq type='set' id='unreg1' from='bill@localhost/globe' to='juliet@localhost'>
                  <query xmlns='jabber:iq:register'><remove/></query>
                </iq>"""), outbox), PacketError.Condition.forbidden);
        assertThat(accounts.exists("juliet")).isTrue();
    }

    // ---- §3.2 Entity Cancels an Existing Registration ----

    @Test
    void entityCancelsItsRegistrationAndItsSessionsAreClosedAfterTheReply() throws Exception {
        // XEP-0077 Example 13 → Example 14.
        accounts.create("bill", "Calliope");

        IQ result = module.handle(iq("""
                <iq type='set' from='bill@localhost/globe' id='unreg1'>
                  <query xmlns='jabber:iq:register'><remove/></query>
                </iq>"""), outbox);

        assertThat(result.getType()).isEqualTo(IQ.Type.result);
        assertThat(accounts.exists("bill")).isFalse();
        assertThat(accounts.store().credentials("bill", ScramHash.SHA_256)).isEmpty();
        // The sessions are closed only after the reply has gone out, so the client still sees its result.
        assertThat(closedSessions).isEmpty();
        assertThat(outbox.afterReply()).hasSize(1);
        outbox.runAfterReply();
        assertThat(closedSessions).containsExactly(new JID("bill@localhost"));
    }

    @Test
    void cancellingWithoutBeingLoggedInIsNotAuthorized() throws Exception {
        accounts.create("bill", "Calliope");

        assertStanzaError(() -> module.handle(iq("""
                <iq type='set' id='unreg1' to='localhost'><query xmlns='jabber:iq:register'><remove/></query></iq>"""),
                outbox), PacketError.Condition.not_authorized);
        assertThat(accounts.exists("bill")).isTrue();
        assertThat(outbox.afterReply()).isEmpty();
    }

    private static IQ register(String id, String username, String password) {
        return iq("<iq type='set' id='" + id + "' to='localhost'><query xmlns='jabber:iq:register'>"
                + "<username>" + username + "</username><password>" + password + "</password></query></iq>");
    }
}
