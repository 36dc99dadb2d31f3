package org.parley.server.modules.admin;

import org.dom4j.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.schema.Database;
import org.parley.server.account.Accounts;
import org.parley.server.account.JooqAccountStore;
import org.parley.server.module.ModuleRegistry;
import org.parley.xmpp.core.module.testing.RecordingOutbox;
import org.parley.xmpp.core.Namespaces;
import org.parley.xmpp.core.sasl.ScramHash;
import org.xmpp.forms.DataForm;
import org.xmpp.forms.FormField;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.server.modules.Iqs.assertStanzaError;
import static org.parley.server.modules.Iqs.iq;

/**
 * Service administration (XEP-0133) over ad-hoc commands (XEP-0050), handler tests named after the XEP's use cases,
 * on a real H2 account store. Fixtures follow the XEP's examples (with {@code localhost} for {@code shakespeare.lit}).
 */
class AdminCommandsModuleTest {
    private static final String ADD_USER = "http://jabber.org/protocol/admin#add-user";
    private static final String DELETE_USER = "http://jabber.org/protocol/admin#delete-user";
    private static final String CHANGE_PASSWORD = "http://jabber.org/protocol/admin#change-user-password";
    private static final String ADMIN = "bard@localhost/globe";

    private final RecordingOutbox outbox = new RecordingOutbox();
    private final List<JID> closed = new ArrayList<>();
    private Database database;
    private Accounts accounts;
    private AdminCommandsModule module;

    @BeforeEach
    void start() {
        database = Database.open("jdbc:h2:mem:test-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "", "", 2);
        accounts = new Accounts(new JooqAccountStore(database), 4096);
        module = new AdminCommandsModule(accounts, Set.of(new JID("bard@localhost"), new JID("admin@localhost")), closed::add);
        ModuleRegistry registry = new ModuleRegistry("localhost");
        registry.start(module);
        registry.seal();
    }

    @AfterEach
    void stop() {
        database.close();
    }

    // ---- §4.1 Add User ----

    @Test
    void addUserInTwoStagesExecuteReturnsTheFormThenCompleteCreatesTheAccount() throws Exception {
        // XEP-0133 Example 1 → Example 2: executing without a form returns the form and a session id.
        IQ form = module.handle(execute("add-user-1", ADMIN, ADD_USER), outbox);

        Element command = form.getChildElement();
        assertThat(command.getNamespaceURI()).isEqualTo(Namespaces.COMMANDS);
        assertThat(command.attributeValue("node")).isEqualTo(ADD_USER);
        assertThat(command.attributeValue("status")).isEqualTo("executing");
        String sessionId = command.attributeValue("sessionid");
        assertThat(sessionId).isNotBlank();
        assertThat(command.element("actions").attributeValue("execute")).isEqualTo("complete");
        DataForm dataForm = new DataForm(command.element("x"));
        assertThat(dataForm.getType()).isEqualTo(DataForm.Type.form);
        FormField formType = dataForm.getField("FORM_TYPE");
        assertThat(formType.getType()).isEqualTo(FormField.Type.hidden);
        assertThat(formType.getFirstValue()).isEqualTo("http://jabber.org/protocol/admin");
        assertThat(dataForm.getField("accountjid").getType()).isEqualTo(FormField.Type.jid_single);
        assertThat(dataForm.getField("accountjid").isRequired()).isTrue();
        assertThat(dataForm.getField("password").getType()).isEqualTo(FormField.Type.text_private);
        assertThat(dataForm.getField("password-verify")).isNotNull();

        // XEP-0133 Example 3 → Example 4: the filled form completes the command.
        IQ done = module.handle(iq("""
                <iq from='bard@localhost/globe' id='add-user-2' to='localhost' type='set' xml:lang='en'>
                  <command xmlns='http://jabber.org/protocol/commands'
                           node='http://jabber.org/protocol/admin#add-user' sessionid='%s'>
                    <x xmlns='jabber:x:data' type='submit'>
                      <field type='hidden' var='FORM_TYPE'><value>http://jabber.org/protocol/admin</value></field>
                      <field var='accountjid'><value>juliet@localhost</value></field>
                      <field var='password'><value>R0m30</value></field>
                      <field var='password-verify'><value>R0m30</value></field>
                      <field var='email'><value>juliet@capulet.com</value></field>
                      <field var='given_name'><value>Juliet</value></field>
                      <field var='surname'><value>Capulet</value></field>
                    </x>
                  </command>
                </iq>""".formatted(sessionId)), outbox);

        assertThat(done.getType()).isEqualTo(IQ.Type.result);
        assertThat(done.getID()).isEqualTo("add-user-2");
        assertThat(done.getChildElement().attributeValue("status")).isEqualTo("completed");
        assertThat(done.getChildElement().attributeValue("sessionid")).isEqualTo(sessionId);
        assertThat(done.getChildElement().elementText("note")).contains("juliet@localhost");
        assertPassword("juliet", "R0m30");
    }

    @Test
    void addUserInOneStageWithTheFormCompletesAtOnce() throws Exception {
        IQ done = module.handle(withForm("add-user-1", ADMIN, ADD_USER, null,
                field("accountjid", "juliet"), field("password", "R0m30")), outbox);

        assertThat(done.getChildElement().attributeValue("status")).isEqualTo("completed");
        assertPassword("juliet", "R0m30");
    }

    @Test
    void addUserWithMismatchedPasswordVerifyIsNotAcceptable() {
        assertStanzaError(() -> module.handle(withForm("add-user-1", ADMIN, ADD_USER, null,
                field("accountjid", "juliet@localhost"), field("password", "R0m30"), field("password-verify", "Romeo")),
                outbox), PacketError.Condition.not_acceptable);
        assertThat(accounts.exists("juliet")).isFalse();
    }

    @Test
    void addUserThatExistsIsConflict() throws Exception {
        accounts.create("juliet", "R0m30");

        assertStanzaError(() -> module.handle(withForm("add-user-1", ADMIN, ADD_USER, null,
                field("accountjid", "juliet@localhost"), field("password", "other")), outbox), PacketError.Condition.conflict);
        assertPassword("juliet", "R0m30");
    }

    @Test
    void addUserOfAnotherDomainIsNotAcceptable() {
        assertStanzaError(() -> module.handle(withForm("add-user-1", ADMIN, ADD_USER, null,
                field("accountjid", "juliet@capulet.example"), field("password", "R0m30")), outbox),
                PacketError.Condition.not_acceptable);
        assertThat(accounts.exists("juliet")).isFalse();
    }

    // ---- §3: only administrators ----

    @Test
    void nonAdministratorIsForbidden() throws Exception {
        accounts.create("juliet", "R0m30");

        assertStanzaError(() -> module.handle(execute("add-user-1", "juliet@localhost/balcony", ADD_USER), outbox),
                PacketError.Condition.forbidden);
        assertStanzaError(() -> module.handle(withForm("delete-user-1", "juliet@localhost/balcony", DELETE_USER, null,
                field("accountjids", "bard@localhost")), outbox), PacketError.Condition.forbidden);
    }

    // ---- XEP-0050 §6: sessions ----

    @Test
    void unknownSessionIdIsBadRequest() {
        assertStanzaError(() -> module.handle(withForm("add-user-2", ADMIN, ADD_USER, "no-such-session",
                field("accountjid", "juliet"), field("password", "R0m30")), outbox), PacketError.Condition.bad_request);
        assertThat(accounts.exists("juliet")).isFalse();
    }

    @Test
    void sessionIdStartedByAnotherAdministratorIsBadRequest() throws Exception {
        String sessionId = module.handle(execute("add-user-1", ADMIN, ADD_USER), outbox)
                .getChildElement().attributeValue("sessionid");

        assertStanzaError(() -> module.handle(withForm("add-user-2", "admin@localhost/console", ADD_USER, sessionId,
                field("accountjid", "juliet"), field("password", "R0m30")), outbox), PacketError.Condition.bad_request);
    }

    @Test
    void sessionIdOfAnotherCommandIsBadRequest() throws Exception {
        String sessionId = module.handle(execute("add-user-1", ADMIN, ADD_USER), outbox)
                .getChildElement().attributeValue("sessionid");

        assertStanzaError(() -> module.handle(withForm("delete-user-2", ADMIN, DELETE_USER, sessionId,
                field("accountjids", "juliet@localhost")), outbox), PacketError.Condition.bad_request);
    }

    @Test
    void aCompletedSessionCannotBeReused() throws Exception {
        String sessionId = module.handle(execute("add-user-1", ADMIN, ADD_USER), outbox)
                .getChildElement().attributeValue("sessionid");
        module.handle(withForm("add-user-2", ADMIN, ADD_USER, sessionId,
                field("accountjid", "juliet"), field("password", "R0m30")), outbox);

        assertStanzaError(() -> module.handle(withForm("add-user-3", ADMIN, ADD_USER, sessionId,
                field("accountjid", "romeo"), field("password", "J00l1et")), outbox), PacketError.Condition.bad_request);
        assertThat(accounts.exists("romeo")).isFalse();
    }

    @Test
    void cancelEndsTheSession() throws Exception {
        // XEP-0050 §3.5: a canceled session is gone.
        String sessionId = module.handle(execute("add-user-1", ADMIN, ADD_USER), outbox)
                .getChildElement().attributeValue("sessionid");

        IQ canceled = module.handle(iq("<iq type='set' id='add-user-2' from='" + ADMIN + "' to='localhost'>"
                + "<command xmlns='http://jabber.org/protocol/commands' node='" + ADD_USER + "' sessionid='" + sessionId
                + "' action='cancel'/></iq>"), outbox);

        assertThat(canceled.getChildElement().attributeValue("status")).isEqualTo("canceled");
        assertStanzaError(() -> module.handle(withForm("add-user-3", ADMIN, ADD_USER, sessionId,
                field("accountjid", "juliet"), field("password", "R0m30")), outbox), PacketError.Condition.bad_request);
    }

    @Test
    void unknownCommandNodeIsItemNotFound() {
        assertStanzaError(() -> module.handle(execute("x-1", ADMIN, "http://jabber.org/protocol/admin#shutdown"), outbox),
                PacketError.Condition.item_not_found);
    }

    // ---- §4.2 Delete User ----

    @Test
    void deleteUserRemovesTheAccounts() throws Exception {
        accounts.create("juliet", "R0m30");
        accounts.create("romeo", "J00l1et");
        accounts.create("tybalt", "Pr1nc3OfCats");

        IQ done = module.handle(withForm("delete-user-1", ADMIN, DELETE_USER, null,
                field("accountjids", "juliet@localhost", "romeo@localhost")), outbox);

        assertThat(done.getChildElement().attributeValue("status")).isEqualTo("completed");
        assertThat(accounts.exists("juliet")).isFalse();
        assertThat(accounts.exists("romeo")).isFalse();
        assertThat(accounts.exists("tybalt")).isTrue();
        assertThat(accounts.store().credentials("juliet", ScramHash.SHA_256)).isEmpty();
        assertThat(closed).as("sessions are closed only after the reply").isEmpty();
        outbox.runAfterReply();
        assertThat(closed).containsExactlyInAnyOrder(new JID("juliet@localhost"), new JID("romeo@localhost"));
    }

    @Test
    void deleteUserFormAsksForAJidMultiField() throws Exception {
        IQ form = module.handle(execute("delete-user-1", ADMIN, DELETE_USER), outbox);

        DataForm dataForm = new DataForm(form.getChildElement().element("x"));
        assertThat(dataForm.getField("accountjids").getType()).isEqualTo(FormField.Type.jid_multi);
    }

    // ---- §4.7 Change User Password ----

    @Test
    void changeUserPasswordSetsTheNewPassword() throws Exception {
        accounts.create("juliet", "R0m30");

        IQ done = module.handle(withForm("change-user-password-1", ADMIN, CHANGE_PASSWORD, null,
                field("accountjid", "juliet@localhost"), field("password", "V3r0na")), outbox);

        assertThat(done.getChildElement().attributeValue("status")).isEqualTo("completed");
        assertPassword("juliet", "V3r0na");
        assertThat(accounts.store().credentials("juliet", ScramHash.SHA_256))
                .hasValueSatisfying(c -> assertThat(c.verifyPassword("R0m30")).isFalse());
    }

    @Test
    void changeUserPasswordOfAMissingAccountIsItemNotFound() {
        assertStanzaError(() -> module.handle(withForm("change-user-password-1", ADMIN, CHANGE_PASSWORD, null,
                field("accountjid", "nobody@localhost"), field("password", "V3r0na")), outbox),
                PacketError.Condition.item_not_found);
        assertThat(accounts.exists("nobody")).isFalse();
    }

    // ---- helpers ----

    private void assertPassword(String username, String password) {
        assertThat(accounts.exists(username)).isTrue();
        for (ScramHash hash : ScramHash.values()) {
            assertThat(accounts.store().credentials(username, hash))
                    .hasValueSatisfying(c -> assertThat(c.verifyPassword(password)).isTrue());
        }
    }

    private static IQ execute(String id, String from, String node) {
        return iq("<iq from='" + from + "' id='" + id + "' to='localhost' type='set' xml:lang='en'>"
                + "<command xmlns='http://jabber.org/protocol/commands' action='execute' node='" + node + "'/></iq>");
    }

    private static IQ withForm(String id, String from, String node, String sessionId, String... fields) {
        return iq("<iq from='" + from + "' id='" + id + "' to='localhost' type='set'>"
                + "<command xmlns='http://jabber.org/protocol/commands' node='" + node + "'"
                + (sessionId == null ? "" : " sessionid='" + sessionId + "'") + " action='complete'>"
                + "<x xmlns='jabber:x:data' type='submit'>"
                + "<field type='hidden' var='FORM_TYPE'><value>http://jabber.org/protocol/admin</value></field>"
                + String.join("", fields) + "</x></command></iq>");
    }

    private static String field(String var, String... values) {
        StringBuilder xml = new StringBuilder("<field var='").append(var).append("'>");
        for (String value : values) xml.append("<value>").append(value).append("</value>");
        return xml.append("</field>").toString();
    }
}
