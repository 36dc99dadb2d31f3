package org.parley.muc;

import org.parley.xmpp.core.module.StanzaErrorException;
import org.xmpp.packet.PacketError;

/**
 * Who may change whose role (XEP-0045 §8.2 kick, §8.3-§8.4 voice, §9.6-§9.7 moderator status).
 */
public final class RolePolicy {
    /** @throws StanzaErrorException the refusal for {@code actor} setting {@code target}'s role to {@code next} */
    public void check(Occupant actor, Occupant target, Role next) throws StanzaErrorException {
        if (actor.role() != Role.MODERATOR) {
            // §8.2-§8.4: kicking and voice are moderator use cases; anyone else gets <forbidden/>.
            throw new StanzaErrorException(PacketError.Condition.forbidden, "only moderators may do that");
        }
        if (outranks(target.affiliation(), actor.affiliation())) {
            // §8.2 (kick), §8.4 (voice), §9.7 (moderator status): a role change of someone with a higher affiliation
            // than the actor is refused with <not-allowed/>. An owner may act on an admin, only owners on an owner.
            throw new StanzaErrorException(PacketError.Condition.not_allowed, "that occupant outranks you");
        }
        boolean moderatorChange = next == Role.MODERATOR || target.role() == Role.MODERATOR;
        if (moderatorChange && !actor.affiliation().isAdminOrOwner()) {
            // §9.6 / §9.7: granting or revoking moderator status is an admin use case: <forbidden/> otherwise.
            throw new StanzaErrorException(PacketError.Condition.forbidden, "only admins and owners manage moderators");
        }
    }

    private static boolean outranks(Affiliation target, Affiliation actor) {
        if (target == Affiliation.OWNER) return actor != Affiliation.OWNER;
        if (target == Affiliation.ADMIN) return actor != Affiliation.OWNER;
        return false;
    }
}
