package org.parley.muc;

import org.dom4j.Element;
import org.dom4j.QName;
import org.parley.xmpp.core.module.StanzaErrorException;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code muc#roomconfig} data form (XEP-0045 §10.2, §15.5.3; XEP-0004): written from a {@link RoomConfig},
 * read back into one. The occupant and member caps may only be lowered below the service's limits.
 */
public final class RoomConfigForm {
    static final String DATA = "jabber:x:data";
    static final String MAX_MEMBERS = "parley#roomconfig_maxmembers";
    static final String ENABLE_LOGGING = "muc#roomconfig_enablelogging";

    private RoomConfigForm() {
    }

    static final String OWNERS = "muc#roomconfig_roomowners";
    static final String ADMINS = "muc#roomconfig_roomadmins";
    static final String GET_MEMBER_LIST = "muc#roomconfig_getmemberlist";

    /**
     * Adds the form for {@code room}'s configuration to {@code query} (§10.2 "Subsequent Room Configuration"), with
     * its owner and admin lists (§15.5.3 {@code roomowners}, {@code roomadmins}).
     */
    public static void write(Element query, Room room, MucSettings settings) {
        RoomConfig config = room.config();
        Element x = query.addElement(QName.get("x", DATA)).addAttribute("type", "form");
        x.addElement("title").setText("Configuration of the room");
        field(x, "FORM_TYPE", "hidden", null, MucNamespaces.ROOMCONFIG);
        field(x, "muc#roomconfig_roomname", "text-single", "Room name", config.name());
        field(x, "muc#roomconfig_roomdesc", "text-single", "Description", config.description());
        field(x, "muc#roomconfig_persistentroom", "boolean", "Keep the room when it is empty", bool(config.persistent()));
        field(x, "muc#roomconfig_publicroom", "boolean", "List the room publicly", bool(config.publicRoom()));
        field(x, "muc#roomconfig_membersonly", "boolean", "Members only", bool(config.membersOnly()));
        field(x, "muc#roomconfig_moderatedroom", "boolean", "Moderated (only participants with voice speak)", bool(config.moderated()));
        field(x, "muc#roomconfig_changesubject", "boolean", "Participants may change the subject", bool(config.changeSubject()));
        field(x, ENABLE_LOGGING, "boolean", "Keep the room's archive (message history)", bool(config.enableLogging()));
        field(x, "muc#roomconfig_passwordprotectedroom", "boolean", "Password required", bool(config.passwordProtected()));
        field(x, "muc#roomconfig_roomsecret", "text-private", "Password", config.password());
        Element maxUsers = field(x, "muc#roomconfig_maxusers", "list-single", "Most occupants", Integer.toString(config.maxUsers()));
        for (int n : List.of(10, 20, 30, 50, 100, 200, 500, 1000)) {
            if (n < settings.maxUsers()) option(maxUsers, Integer.toString(n), Integer.toString(n));
        }
        option(maxUsers, Integer.toString(settings.maxUsers()), Integer.toString(settings.maxUsers()));
        field(x, MAX_MEMBERS, "text-single", "Most members (at most " + settings.maxMembers() + ")",
                Integer.toString(config.maxMembers()));
        Element whois = field(x, "muc#roomconfig_whois", "list-single", "Who may see real JIDs",
                config.whoisAnyone() ? "anyone" : "moderators");
        option(whois, "moderators", "Moderators only");
        option(whois, "anyone", "Anyone");
        field(x, "muc#roomconfig_allowinvites", "boolean", "Occupants may invite others into a members-only room",
                bool(config.allowInvites()));
        Element pm = field(x, "muc#roomconfig_allowpm", "list-single", "Roles that may send private messages",
                config.allowPm().value());
        for (PrivateMessages option : PrivateMessages.values()) {
            option(pm, option.value(), label(option.value()));
        }
        Element memberList = x.addElement("field").addAttribute("var", GET_MEMBER_LIST).addAttribute("type", "list-multi")
                .addAttribute("label", "Roles that may retrieve the member list");
        for (Role role : List.of(Role.MODERATOR, Role.PARTICIPANT, Role.VISITOR)) {
            if (config.memberListRoles().contains(role)) memberList.addElement("value").setText(role.value());
        }
        for (Role role : List.of(Role.MODERATOR, Role.PARTICIPANT, Role.VISITOR)) {
            option(memberList, role.value(), label(role.value()) + "s");
        }
        jids(field(x, OWNERS, "jid-multi", "Room owners", null), room.withAffiliation(Affiliation.OWNER));
        jids(field(x, ADMINS, "jid-multi", "Room admins", null), room.withAffiliation(Affiliation.ADMIN));
    }

    private static void jids(Element field, List<JID> jids) {
        field.elements("value").forEach(field::remove);
        jids.stream().map(JID::toBareJID).sorted().forEach(j -> field.addElement("value").setText(j));
    }

    /**
     * The owner or admin list an owner submitted ({@code muc#roomconfig_roomowners} / {@code _roomadmins}, §10.2),
     * or empty when the form leaves the field out.
     *
     * @param var {@link #OWNERS} or {@link #ADMINS}
     * @throws StanzaErrorException {@code <jid-malformed/>} for a value that is not a JID
     */
    public static Optional<Set<JID>> affiliationList(Element x, String var) throws StanzaErrorException {
        for (Element field : x.elements("field")) {
            if (!var.equals(field.attributeValue("var"))) continue;
            Set<JID> jids = new LinkedHashSet<>();
            for (Element value : field.elements("value")) {
                if (value.getTextTrim().isEmpty()) continue;
                JID jid = MucStanzas.jidOrNull(value.getTextTrim());
                if (jid == null) {
                    throw new StanzaErrorException(PacketError.Condition.jid_malformed, "not a JID in " + var + ": " + value.getText());
                }
                jids.add(jid.asBareJID());
            }
            return Optional.of(jids);
        }
        return Optional.empty();
    }

    /**
     * The configuration an owner submitted ({@code <x type='submit'/>}); fields left out keep their value.
     *
     * @throws StanzaErrorException {@code <not-acceptable/>} for a cap above the service's or a password-protected
     *                              room without a password; {@code <bad-request/>} for a malformed value
     */
    public static RoomConfig read(Element x, RoomConfig current, MucSettings settings, int memberCount)
            throws StanzaErrorException {
        Map<String, String> f = fields(x);
        String password = f.getOrDefault("muc#roomconfig_roomsecret", current.password());
        boolean protectedRoom = bool(f.get("muc#roomconfig_passwordprotectedroom"), current.passwordProtected());
        if (!protectedRoom) password = "";
        if (protectedRoom && password.isEmpty()) {
            throw new StanzaErrorException(PacketError.Condition.not_acceptable, "a password-protected room needs a password");
        }
        int maxUsers = integer(f.get("muc#roomconfig_maxusers"), current.maxUsers());
        // The occupant cap (XEP-0045 §7.2.10) and the member cap are the service's: an owner may only lower them.
        if (maxUsers < 1 || maxUsers > settings.maxUsers()) {
            throw new StanzaErrorException(PacketError.Condition.not_acceptable,
                    "muc#roomconfig_maxusers must be 1.." + settings.maxUsers());
        }
        int maxMembers = integer(f.get(MAX_MEMBERS), current.maxMembers());
        if (maxMembers < Math.max(1, memberCount) || maxMembers > settings.maxMembers()) {
            throw new StanzaErrorException(PacketError.Condition.not_acceptable,
                    MAX_MEMBERS + " must be " + Math.max(1, memberCount) + ".." + settings.maxMembers());
        }
        String whois = f.get("muc#roomconfig_whois");
        return new RoomConfig(
                f.getOrDefault("muc#roomconfig_roomname", current.name()),
                f.getOrDefault("muc#roomconfig_roomdesc", current.description()),
                bool(f.get("muc#roomconfig_persistentroom"), current.persistent()),
                bool(f.get("muc#roomconfig_publicroom"), current.publicRoom()),
                bool(f.get("muc#roomconfig_membersonly"), current.membersOnly()),
                bool(f.get("muc#roomconfig_moderatedroom"), current.moderated()),
                password, maxUsers, maxMembers,
                whois == null ? current.whoisAnyone() : "anyone".equals(whois),
                bool(f.get("muc#roomconfig_changesubject"), current.changeSubject()),
                bool(f.get("muc#roomconfig_allowinvites"), current.allowInvites()),
                privateMessages(f.get("muc#roomconfig_allowpm"), current.allowPm()),
                roles(x, GET_MEMBER_LIST, current.memberListRoles()),
                bool(f.get(ENABLE_LOGGING), current.enableLogging()));
    }

    private static Map<String, String> fields(Element x) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (Element field : x.elements("field")) {
            String var = field.attributeValue("var");
            if (var == null) continue;
            Element value = field.element("value");
            fields.put(var, value == null ? "" : value.getText());
        }
        return fields;
    }

    private static Element field(Element x, String var, String type, String label, String value) {
        Element field = x.addElement("field").addAttribute("var", var).addAttribute("type", type);
        if (label != null) field.addAttribute("label", label);
        field.addElement("value").setText(value == null ? "" : value);
        return field;
    }

    /**
     * Adds an option with a label (XEP-0004 §3.3): clients such as profanity show the label of the selected value and
     * print "(null)" for options without one.
     */
    private static void option(Element field, String value, String label) {
        field.addElement("option").addAttribute("label", label).addElement("value").setText(value);
    }

    /** "participants" → "Participants". */
    private static String label(String value) {
        return Character.toUpperCase(value.charAt(0)) + value.substring(1);
    }

    private static String bool(boolean b) {
        return b ? "1" : "0";
    }

    private static boolean bool(String value, boolean absent) throws StanzaErrorException {
        if (value == null) return absent;
        return switch (value.trim()) {
            case "1", "true" -> true;
            case "0", "false", "" -> false;
            default -> throw new StanzaErrorException(PacketError.Condition.bad_request, "not a boolean: " + value);
        };
    }

    private static PrivateMessages privateMessages(String value, PrivateMessages absent) throws StanzaErrorException {
        if (value == null || value.isBlank()) return absent;
        try {
            return PrivateMessages.of(value);
        } catch (IllegalArgumentException e) {
            throw new StanzaErrorException(PacketError.Condition.bad_request, "muc#roomconfig_allowpm is one of "
                    + "anyone, participants, moderators, none: " + value);
        }
    }

    /** A list-multi of roles; absent: {@code absent}. @throws StanzaErrorException bad-request for an unknown role */
    private static Set<Role> roles(Element x, String var, Set<Role> absent) throws StanzaErrorException {
        for (Element field : x.elements("field")) {
            if (!var.equals(field.attributeValue("var"))) continue;
            Set<Role> roles = new LinkedHashSet<>();
            for (Element value : field.elements("value")) {
                if (value.getTextTrim().isEmpty()) continue;
                try {
                    Role role = Role.of(value.getTextTrim());
                    if (role == Role.NONE) throw new IllegalArgumentException("none");
                    roles.add(role);
                } catch (IllegalArgumentException e) {
                    throw new StanzaErrorException(PacketError.Condition.bad_request, "not a role in " + var + ": " + value.getText());
                }
            }
            return roles;
        }
        return absent;
    }

    private static int integer(String value, int absent) throws StanzaErrorException {
        if (value == null || value.isBlank()) return absent;
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new StanzaErrorException(PacketError.Condition.bad_request, "not a number: " + value);
        }
    }
}
