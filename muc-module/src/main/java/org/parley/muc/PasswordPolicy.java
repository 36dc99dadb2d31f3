package org.parley.muc;

import org.parley.xmpp.core.module.StanzaErrorException;
import org.xmpp.packet.PacketError;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** XEP-0045 §7.2.6: a password-protected room needs the right password (owners too: it is a room-wide secret). */
public final class PasswordPolicy implements EntryPolicy {
    @Override
    public void check(Room room, JoinRequest join) throws StanzaErrorException {
        if (!room.config().passwordProtected()) return;
        String given = join.password() == null ? "" : join.password();
        // §7.2.6: a missing or wrong password MUST be refused: the service denies access with a presence of type
        // 'error' specifying <not-authorized/>.
        if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                room.config().password().getBytes(StandardCharsets.UTF_8))) {
            throw new StanzaErrorException(PacketError.Condition.not_authorized, "a password is required");
        }
    }
}
