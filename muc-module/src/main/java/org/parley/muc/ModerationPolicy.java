package org.parley.muc;

import org.parley.xmpp.core.module.StanzaErrorException;
import org.xmpp.packet.PacketError;

/**
 * Who gets which role on entry and who may speak (XEP-0045 §5.1, §7.4, §8.1): owners and admins are moderators;
 * in a moderated room a user without affiliation enters as a visitor (no voice), otherwise as a participant.
 */
public final class ModerationPolicy {
    /** XEP-0045 §5.1.2 (default roles table) for a user entering {@code room}. */
    public Role initialRole(Room room, Affiliation affiliation) {
        if (affiliation.isAdminOrOwner()) return Role.MODERATOR;
        if (room.config().moderated() && affiliation != Affiliation.MEMBER) return Role.VISITOR;
        return Role.PARTICIPANT;
    }

    /** XEP-0045 §7.4 / §7.2 the sender must be an occupant with voice. */
    public void checkMayTalk(Room room, Occupant sender) throws StanzaErrorException {
        // §7.4: "If the sender is a visitor (i.e., does not have voice in a moderated room), the service MUST return
        // a <forbidden/> error to the sender and MUST NOT reflect the message to all occupants."
        if (sender.role() == Role.VISITOR || sender.role() == Role.NONE) {
            throw new StanzaErrorException(PacketError.Condition.forbidden, "you have no voice in this room");
        }
    }

    /** XEP-0045 §8.1: moderators may change the subject; participants only if the room allows it. */
    public void checkMayChangeSubject(Room room, Occupant sender) throws StanzaErrorException {
        boolean allowed = sender.role() == Role.MODERATOR
                || (sender.role() == Role.PARTICIPANT && room.config().changeSubject());
        // §8.1: "If someone without appropriate privileges attempts to change the room subject, the service MUST
        // return a message of type 'error' specifying a <forbidden/> error condition".
        if (!allowed) throw new StanzaErrorException(PacketError.Condition.forbidden, "you may not change the subject");
    }
}
