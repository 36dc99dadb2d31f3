package org.parley.muc;

import org.dom4j.Element;
import org.dom4j.QName;
import org.parley.xmpp.core.module.StanzaErrorException;
import org.xmpp.packet.Message;
import org.xmpp.packet.PacketError;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Voice requests (XEP-0045 §7.13 requesting voice, §8.6 approving voice requests): a visitor's
 * {@code muc#request} form goes to every moderator as a form to approve; a moderator's approval
 * ({@code muc#request_allow} true) grants voice as {@link RoomAdminHandler} would (§8.3).
 */
public final class VoiceRequests {
    static final String FORM_TYPE = MucNamespaces.MUC + "#request";

    private final Broadcast broadcast;
    private final RoomAdminHandler admin;

    public VoiceRequests(Broadcast broadcast, RoomAdminHandler admin) {
        this.broadcast = broadcast;
        this.admin = admin;
    }

    /** The {@code muc#request} form in {@code message}, or null. */
    static Element form(Message message) {
        Element x = message.getElement().element(QName.get("x", RoomConfigForm.DATA));
        return x != null && FORM_TYPE.equals(fields(x).get("FORM_TYPE")) ? x : null;
    }

    /**
     * Handles a {@code muc#request} form in a message to {@code room}: from a visitor, a request passed on to the
     * moderators (§7.13); from a moderator, an approval that grants voice (§8.6).
     *
     * @throws StanzaErrorException {@code <bad-request/>} for a form without the fields it needs
     */
    public void handle(Room room, Message message, Element form) throws StanzaErrorException {
        Occupant sender = room.byRealJid(message.getFrom())
                .orElseThrow(() -> new StanzaErrorException(PacketError.Condition.not_acceptable, "you are not in this room"));
        Map<String, String> f = fields(form);
        if (f.containsKey("muc#request_allow")) {
            approve(room, sender, f);
        } else {
            request(room, sender);
        }
    }

    /** §7.13: the request goes to the moderators, as the form of §8.6. */
    private void request(Room room, Occupant sender) throws StanzaErrorException {
        if (sender.role() != Role.VISITOR) {
            throw new StanzaErrorException(PacketError.Condition.bad_request, "you have voice already");
        }
        for (Occupant moderator : room.occupants()) {
            if (moderator.role() != Role.MODERATOR) continue;
            Message m = new Message();
            m.setFrom(room.jid());
            m.setTo(moderator.realJid());
            Element x = m.addChildElement("x", RoomConfigForm.DATA).addAttribute("type", "form");
            x.addElement("title").setText("Voice request");
            field(x, "FORM_TYPE", "hidden", null, FORM_TYPE);
            field(x, "muc#role", "list-single", "Requested role", Role.PARTICIPANT.value());
            field(x, "muc#jid", "jid-single", "User ID", sender.realJid().toString());
            field(x, "muc#roomnick", "text-single", "Room Nickname", sender.nick());
            field(x, "muc#request_allow", "boolean", "Grant voice to this person?", "false");
            broadcast.send(m);
        }
    }

    /** §8.6: a moderator's approval grants voice (a refusal needs no answer). */
    private void approve(Room room, Occupant moderator, Map<String, String> f) throws StanzaErrorException {
        String allow = f.get("muc#request_allow");
        if (!"true".equals(allow) && !"1".equals(allow)) return;
        String nick = f.get("muc#roomnick");
        if (nick == null) throw new StanzaErrorException(PacketError.Condition.bad_request, "muc#roomnick is missing");
        admin.grantVoice(room, moderator, nick);
    }

    private static Map<String, String> fields(Element x) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (Element field : x.elements("field")) {
            String var = field.attributeValue("var");
            if (var != null) fields.put(var, field.elementTextTrim("value"));
        }
        return fields;
    }

    private static void field(Element x, String var, String type, String label, String value) {
        Element field = x.addElement("field").addAttribute("var", var).addAttribute("type", type);
        if (label != null) field.addAttribute("label", label);
        field.addElement("value").setText(value);
    }
}
