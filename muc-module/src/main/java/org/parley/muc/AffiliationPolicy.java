package org.parley.muc;

import org.parley.xmpp.core.module.StanzaErrorException;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/**
 * Who may change whose affiliation (XEP-0045 §9 admin use cases, §10.3-§10.8 owner use cases): admins manage
 * members and outcasts among users who are not admins or owners; owners manage everything but may not leave the
 * room without an owner.
 */
public final class AffiliationPolicy {
    /** @throws StanzaErrorException the refusal for {@code actor} setting {@code user} to {@code next} */
    public void check(Room room, Affiliation actor, JID user, Affiliation next) throws StanzaErrorException {
        Affiliation current = room.affiliation(user);
        if (actor == Affiliation.OWNER) {
            // §10.6 (revoking ownership): a room always keeps an owner; removing the only one is refused with
            // <conflict/>.
            if (current == Affiliation.OWNER && next != Affiliation.OWNER && room.withAffiliation(Affiliation.OWNER).size() == 1) {
                throw new StanzaErrorException(PacketError.Condition.conflict, "a room needs an owner");
            }
            return;
        }
        if (actor != Affiliation.ADMIN) {
            // §9: only admins and owners may change affiliations; others get <forbidden/>.
            throw new StanzaErrorException(PacketError.Condition.forbidden, "only admins and owners may do that");
        }
        if (next.isAdminOrOwner()) {
            // §10.3 / §10.6: granting admin or owner status is the owners' use case: <forbidden/> for an admin.
            throw new StanzaErrorException(PacketError.Condition.forbidden, "only owners grant admin or owner status");
        }
        if (current.isAdminOrOwner()) {
            // §9.1 (ban), §9.4 (revoke membership): an admin may not act on an admin or an owner; the service refuses
            // with <not-allowed/>.
            throw new StanzaErrorException(PacketError.Condition.not_allowed, "admins and owners are out of an admin's reach");
        }
    }
}
