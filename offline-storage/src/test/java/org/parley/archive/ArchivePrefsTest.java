package org.parley.archive;

import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** XEP-0441 §2.3 JID matching against the always and never lists. */
class ArchivePrefsTest {
    @Test
    void aJidOnNeitherListGetsTheDefault() {
        ArchivePrefs prefs = new ArchivePrefs(ArchiveMode.ROSTER, List.of("alice@localhost"), List.of());

        assertThat(prefs.modeFor(new JID("carol@localhost/pc"))).isEqualTo(ArchiveMode.ROSTER);
    }

    @Test
    void aListedBareJidMatchesEveryResourceOfIt() {
        ArchivePrefs prefs = new ArchivePrefs(ArchiveMode.NEVER, List.of("alice@localhost"), List.of());

        assertThat(prefs.modeFor(new JID("alice@localhost"))).isEqualTo(ArchiveMode.ALWAYS);
        assertThat(prefs.modeFor(new JID("alice@localhost/phone"))).isEqualTo(ArchiveMode.ALWAYS);
    }

    @Test
    void aListedFullJidMatchesOnlyThatResource() {
        ArchivePrefs prefs = new ArchivePrefs(ArchiveMode.ALWAYS, List.of(), List.of("alice@localhost/phone"));

        assertThat(prefs.modeFor(new JID("alice@localhost/phone"))).isEqualTo(ArchiveMode.NEVER);
        assertThat(prefs.modeFor(new JID("alice@localhost/laptop"))).isEqualTo(ArchiveMode.ALWAYS);
        assertThat(prefs.modeFor(new JID("alice@localhost"))).isEqualTo(ArchiveMode.ALWAYS);
    }

    @Test
    void neverWinsOverAlwaysAndDuplicatesAreDropped() {
        ArchivePrefs prefs = new ArchivePrefs(ArchiveMode.ALWAYS, List.of("eve@localhost", "eve@localhost"),
                List.of("eve@localhost"));

        assertThat(prefs.modeFor(new JID("eve@localhost/x"))).isEqualTo(ArchiveMode.NEVER);
        assertThat(prefs.always()).containsExactly("eve@localhost");
    }
}
