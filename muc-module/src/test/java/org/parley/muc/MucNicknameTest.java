package org.parley.muc;

import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.parley.muc.MucFixture.errorCondition;
import static org.parley.muc.MucFixture.statuses;

/**
 * Room nicks as RFC 8266 enforces and compares them (XEP-0045 §7.2.1): spaces and width are normalised and the
 * occupant told so with status 210; nicks differing only in case are one nick, so nobody takes "Romeo" from romeo.
 */
class MucNicknameTest {
    private final MucFixture f = new MucFixture();

    private Presence joinAs(JID session, String nick) {
        Presence p = new Presence();
        p.setFrom(session);
        p.setTo(new JID(MucFixture.ROOM.getNode(), MucFixture.ROOM.getDomain(), nick));
        p.addChildElement("x", MucNamespaces.MUC);
        f.router.clear();
        f.muc.process(p);
        return f.router.routed().stream().filter(s -> session.equals(s.getTo()) && s instanceof Presence)
                .map(s -> (Presence) s).reduce((a, b) -> b).orElseThrow();
    }

    @Test
    void enforcementCollapsesSpacesAndWidthAndComparisonIgnoresCase() {
        assertThat(Nicknames.enforce("  Third \u00a0  Witch ")).isEqualTo("Third Witch");
        assertThat(Nicknames.enforce("\uff32\uff4f\uff4d\uff45\uff4f")).isEqualTo("Romeo"); // fullwidth letters (NFKC)
        assertThat(Nicknames.same("Romeo", "rOMEO ")).isTrue();
        assertThat(Nicknames.same("Romeo", "Romeo2")).isFalse();
        assertThatThrownBy(() -> Nicknames.enforce(" \u2003 ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNickWithExtraSpacesIsEnforcedAndTheOccupantIsToldWith210() {
        f.createInstant("crone", "firstwitch");
        Presence self = joinAs(MucFixture.user("hag66"), "Third   Witch");

        assertThat(statuses(self)).contains("110", "210");
        assertThat(self.getFrom().getResource()).isEqualTo("Third Witch");
        assertThat(f.rooms.get("coven").orElseThrow().distinctOccupants()).extracting(Occupant::nick)
                .containsExactly("firstwitch", "Third Witch");
    }

    @Test
    void aNickDifferingOnlyInCaseFromAnotherUsersIsAConflict() {
        f.createInstant("crone", "Firstwitch");
        Presence refused = joinAs(MucFixture.user("hag66"), "FIRSTWITCH");
        assertThat(errorCondition(refused)).isEqualTo("conflict");
        assertThat(f.rooms.get("coven").orElseThrow().occupantCount()).isEqualTo(1);
    }

    @Test
    void aSecondSessionAskingForTheNickInAnotherCaseJoinsTheSameOccupantWith210() {
        f.createInstant("crone", "firstwitch");
        joinAs(new JID("hag66@localhost/pda"), "Hecate");
        Presence self = joinAs(new JID("hag66@localhost/laptop"), "hecate");

        assertThat(statuses(self)).contains("110", "210");
        assertThat(self.getFrom().getResource()).isEqualTo("Hecate");
        assertThat(f.rooms.get("coven").orElseThrow().occupantCount()).isEqualTo(2);
    }

    @Test
    void aNickOfSpacesOnlyIsMalformed() {
        f.createInstant("crone", "firstwitch");
        assertThat(errorCondition(joinAs(MucFixture.user("hag66"), "\u2003"))).isEqualTo("jid-malformed");
    }

    @Test
    void aNickChangeToAnEnforcedFormTellsTheOccupantWith210AndOthersSeeTheNewNick() {
        f.createInstant("crone", "firstwitch");
        joinAs(MucFixture.user("hag66"), "thirdwitch");
        f.router.clear();
        Presence change = new Presence();
        change.setFrom(MucFixture.user("hag66"));
        change.setTo(new JID(MucFixture.ROOM.getNode(), MucFixture.ROOM.getDomain(), "Third  Witch"));
        f.muc.process(change);

        List<Packet> toHag = f.routedTo("hag66");
        Presence self = (Presence) toHag.getLast();
        assertThat(self.getFrom().getResource()).isEqualTo("Third Witch");
        assertThat(statuses(self)).contains("110", "210");
        Presence atCrone = f.presencesTo("crone").getLast();
        assertThat(atCrone.getFrom().getResource()).isEqualTo("Third Witch");
        assertThat(statuses(atCrone)).doesNotContain("210");
    }

    @Test
    void aRegisteredNickIsReservedWhateverTheCase() {
        f.createInstant("crone", "firstwitch");
        f.rooms.get("coven").orElseThrow().affiliate(new JID("wiccarocks@localhost"), Affiliation.MEMBER);
        f.rooms.get("coven").orElseThrow().reserveNick(new JID("wiccarocks@localhost"), "Hecate");
        assertThat(errorCondition(joinAs(MucFixture.user("hag66"), "hecate"))).isEqualTo("conflict");
    }
}
