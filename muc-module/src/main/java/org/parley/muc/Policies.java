package org.parley.muc;

import java.util.List;

/**
 * The rules of a room, one object each (STYLE.md §11): entry in the order of XEP-0045 §7.2 (ban, members-only,
 * password, lock, nick, occupant cap), who speaks, who changes roles and affiliations, the member cap, who invites
 * and who sends private messages.
 */
public record Policies(List<EntryPolicy> entry, ModerationPolicy moderation, RolePolicy roles,
                       AffiliationPolicy affiliations, MemberCapPolicy memberCap, InvitationPolicy invitations,
                       PrivateMessagePolicy privateMessages) {
    public Policies {
        entry = List.copyOf(entry);
    }

    /** The rules of XEP-0045 as Parley applies them. */
    public static Policies standard() {
        return new Policies(List.of(new BanPolicy(), new LockPolicy(), new MembersOnlyPolicy(), new PasswordPolicy(),
                new NickPolicy(), new MaxOccupantsPolicy()),
                new ModerationPolicy(), new RolePolicy(), new AffiliationPolicy(), new MemberCapPolicy(),
                new InvitationPolicy(), new PrivateMessagePolicy());
    }
}
