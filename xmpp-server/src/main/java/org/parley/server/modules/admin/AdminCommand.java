package org.parley.server.modules.admin;

import org.parley.server.account.Accounts;
import org.parley.server.account.InvalidAccountException;
import org.parley.xmpp.core.module.StanzaErrorException;
import org.xmpp.forms.DataForm;
import org.xmpp.forms.FormField;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

import java.util.List;
import java.util.function.Consumer;

/**
 * One XEP-0133 service administration command: its node, the form it shows, and what it does with a submitted
 * form. Each returns the note shown to the administrator.
 */
enum AdminCommand {
    /** XEP-0133 §4.1 Add User. */
    ADD_USER("http://jabber.org/protocol/admin#add-user", "Add a User") {
        @Override
        DataForm form() {
            DataForm form = baseForm("Adding a User", "Fill out this form to add a user.");
            form.addField("accountjid", "The Jabber ID for the account to be added", FormField.Type.jid_single).setRequired(true);
            form.addField("password", "The password for this account", FormField.Type.text_private).setRequired(true);
            form.addField("password-verify", "Retype password", FormField.Type.text_private);
            return form;
        }

        @Override
        String execute(DataForm submitted, Accounts accounts, String domain, Consumer<JID> deleted) throws StanzaErrorException {
            JID jid = localJid(single(submitted, "accountjid"), domain);
            String password = single(submitted, "password");
            String verify = optional(submitted, "password-verify");
            if (verify != null && !verify.equals(password)) throw notAcceptable("the passwords do not match");
            try {
                // XEP-0133 §4.1: adding an account that exists is an error (<conflict/>).
                if (!accounts.create(jid.getNode(), password)) {
                    throw new StanzaErrorException(PacketError.Condition.conflict, "account " + jid.toBareJID() + " exists");
                }
            } catch (InvalidAccountException e) {
                throw notAcceptable(e.getMessage());
            }
            return "Account " + jid.toBareJID() + " created";
        }
    },
    /** XEP-0133 §4.2 Delete User. */
    DELETE_USER("http://jabber.org/protocol/admin#delete-user", "Delete a User") {
        @Override
        DataForm form() {
            DataForm form = baseForm("Deleting a User", "Fill out this form to delete a user.");
            form.addField("accountjids", "The Jabber ID(s) to delete", FormField.Type.jid_multi).setRequired(true);
            return form;
        }

        @Override
        String execute(DataForm submitted, Accounts accounts, String domain, Consumer<JID> deleted) throws StanzaErrorException {
            FormField field = submitted.getField("accountjids");
            List<String> values = field == null ? List.of() : field.getValues();
            if (values.isEmpty()) throw notAcceptable("accountjids is required");
            StringBuilder note = new StringBuilder();
            for (String value : values) {
                JID jid = localJid(value, domain);
                try {
                    boolean gone = accounts.delete(jid.getNode());
                    if (gone) deleted.accept(jid.asBareJID());
                    note.append(gone ? "Deleted " : "No such account ").append(jid.toBareJID()).append('\n');
                } catch (InvalidAccountException e) {
                    throw notAcceptable(e.getMessage());
                }
            }
            return note.toString().strip();
        }
    },
    /** XEP-0133 §4.7 Change User Password. */
    CHANGE_USER_PASSWORD("http://jabber.org/protocol/admin#change-user-password", "Change User Password") {
        @Override
        DataForm form() {
            DataForm form = baseForm("Changing a User Password", "Fill out this form to change a user's password.");
            form.addField("accountjid", "The Jabber ID for this account", FormField.Type.jid_single).setRequired(true);
            form.addField("password", "The password for this account", FormField.Type.text_private).setRequired(true);
            return form;
        }

        @Override
        String execute(DataForm submitted, Accounts accounts, String domain, Consumer<JID> deleted) throws StanzaErrorException {
            JID jid = localJid(single(submitted, "accountjid"), domain);
            try {
                if (!accounts.changePassword(jid.getNode(), single(submitted, "password"))) {
                    throw new StanzaErrorException(PacketError.Condition.item_not_found, "no account " + jid.toBareJID());
                }
            } catch (InvalidAccountException e) {
                throw notAcceptable(e.getMessage());
            }
            return "Password of " + jid.toBareJID() + " changed";
        }
    };

    /** The FORM_TYPE of XEP-0133 forms. */
    static final String FORM_TYPE = "http://jabber.org/protocol/admin";

    private final String node;
    private final String title;

    AdminCommand(String node, String title) {
        this.node = node;
        this.title = title;
    }

    String node() {
        return node;
    }

    String title() {
        return title;
    }

    /** The form shown when the command is executed without one (XEP-0050 §3.4). */
    abstract DataForm form();

    /**
     * Carries out the command with a submitted form (blocking).
     *
     * @param deleted receives each account the command deleted (bare JID)
     * @return the note for the administrator
     * @throws StanzaErrorException for missing or invalid fields, or a failed operation
     */
    abstract String execute(DataForm submitted, Accounts accounts, String domain, Consumer<JID> deleted)
            throws StanzaErrorException;

    static AdminCommand forNode(String node) {
        for (AdminCommand c : values()) if (c.node.equals(node)) return c;
        return null;
    }

    private static DataForm baseForm(String title, String instructions) {
        DataForm form = new DataForm(DataForm.Type.form);
        form.setTitle(title);
        form.addInstruction(instructions);
        form.addField("FORM_TYPE", null, FormField.Type.hidden).addValue(FORM_TYPE);
        return form;
    }

    private static String single(DataForm form, String var) throws StanzaErrorException {
        String value = optional(form, var);
        if (value == null || value.isEmpty()) throw notAcceptable(var + " is required");
        return value;
    }

    private static String optional(DataForm form, String var) {
        FormField field = form.getField(var);
        return field == null ? null : field.getFirstValue();
    }

    private static JID localJid(String value, String domain) throws StanzaErrorException {
        JID jid;
        try {
            jid = new JID(value.contains("@") ? value : value + "@" + domain);
        } catch (IllegalArgumentException e) {
            throw new StanzaErrorException(PacketError.Condition.jid_malformed, "invalid JID " + value);
        }
        if (jid.getNode() == null || !domain.equals(jid.getDomain())) {
            throw notAcceptable(value + " is not an account of " + domain);
        }
        return jid;
    }

    private static StanzaErrorException notAcceptable(String text) {
        return new StanzaErrorException(PacketError.Condition.not_acceptable, text);
    }
}
