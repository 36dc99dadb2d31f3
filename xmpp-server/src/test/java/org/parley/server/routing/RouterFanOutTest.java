package org.parley.server.routing;

import org.junit.jupiter.api.Test;
import org.parley.server.module.IqDispatcher;
import org.parley.server.module.ModuleRegistry;
import org.parley.server.session.ClientSession;
import org.parley.server.session.LocalSessionTable;
import org.parley.server.session.LocalSessions;
import org.parley.server.session.SessionEntry;
import org.parley.xmpp.core.module.InterceptorStage;
import org.parley.xmpp.core.module.ModuleContext;
import org.parley.xmpp.core.module.StanzaInterceptor;
import org.parley.xmpp.core.module.Verdict;
import org.parley.xmpp.core.module.XmppModule;
import org.parley.xmpp.core.stream.SplicedStanza;
import org.parley.xmpp.core.stream.StreamErrorCondition;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the router hands to sessions when it fans a stanza out: each recipient's own copy (never another's) with the
 * one shared serialisation, which only the copies no interceptor changed fit.
 */
class RouterFanOutTest {
    private static final String DOMAIN = "localhost";
    private static final JID ROOM_NICK = new JID("room@conference.localhost/Mercutio");

    private final LocalSessionTable table = new LocalSessionTable();
    private final LocalSessions locals = new LocalSessions();
    private final Router router;

    RouterFanOutTest() {
        ModuleRegistry modules = new ModuleRegistry(DOMAIN);
        router = new Router(DOMAIN, table, locals, new IqDispatcher(modules, Runnable::run, u -> true),
                modules::interceptors, modules);
        modules.attach(router, router);
        modules.start(new ArchiveLike());
        modules.seal();
    }

    @Test
    void everyCopyIsHandedOverWithTheOneSharedSerialisationWhichOnlyUnchangedCopiesFit() {
        List<Recording> sessions = Stream.of("juliet@localhost/balcony", "nurse@localhost/kitchen", "romeo@localhost/garden")
                .map(jid -> session(new JID(jid))).toList();
        Message m = new Message();
        m.setType(Message.Type.groupchat);
        m.setFrom(ROOM_NICK);
        m.setBody("Good morrow");

        router.fanOut(m, sessions.stream().map(Recording::jid).toList());

        Recording juliet = sessions.get(0);
        Recording nurse = sessions.get(1);
        Recording romeo = sessions.get(2);
        assertThat(nurse.shared).hasSize(1);
        assertThat(romeo.shared).hasSize(1).first().isSameAs(nurse.shared.getFirst());
        assertThat(juliet.shared).hasSize(1).first().isSameAs(nurse.shared.getFirst());
        assertThat(nurse.shared.getFirst().fits(nurse.stanzas.getFirst().getElement())).isTrue();
        assertThat(nurse.stanzas.getFirst()).isNotSameAs(romeo.stanzas.getFirst());
        assertThat(juliet.shared.getFirst().fits(juliet.stanzas.getFirst().getElement()))
                .as("her archive changed her copy: her session serialises it on its own").isFalse();
        assertThat(juliet.stanzas.getFirst().getElement().element("stanza-id")).isNotNull();
        assertThat(romeo.stanzas.getFirst().getElement().element("stanza-id")).isNull();
        assertThat(m.getTo()).isNull();
        assertThat(m.getElement().element("stanza-id")).isNull();
    }

    private Recording session(JID jid) {
        Recording session = new Recording(jid);
        table.put(new SessionEntry(jid, "s-" + jid.getNode(), "local", 0, true));
        locals.put(session);
        return session;
    }

    /** Records what the router hands over, by overload. */
    private record Recording(JID jid, List<Packet> stanzas, List<SplicedStanza> shared) implements ClientSession {
        Recording(JID jid) {
            this(jid, new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
        }

        @Override
        public String streamId() {
            return "s-" + jid.getNode();
        }

        @Override
        public void deliver(Packet stanza) {
            stanzas.add(stanza.createCopy());
        }

        @Override
        public void deliver(Packet stanza, SplicedStanza serialised) {
            stanzas.add(stanza);
            shared.add(serialised);
        }

        @Override
        public Executor loop() {
            return Runnable::run;
        }

        @Override
        public void close(StreamErrorCondition condition, String text) {
        }
    }

    /** Stamps Juliet's copy as an archive would (XEP-0313 §3.5 {@code <stanza-id/>}). */
    private static final class ArchiveLike implements XmppModule, StanzaInterceptor {
        @Override
        public String name() {
            return "archive-like";
        }

        @Override
        public void start(ModuleContext context) {
            context.addInterceptor(InterceptorStage.ARCHIVE, this);
        }

        @Override
        public CompletionStage<Verdict> inbound(Packet stanza) {
            if (stanza.getTo().getNode().equals("juliet")) {
                stanza.getElement().addElement("stanza-id", "urn:xmpp:sid:0").addAttribute("by", "juliet@localhost");
            }
            return Verdict.proceed();
        }
    }
}
