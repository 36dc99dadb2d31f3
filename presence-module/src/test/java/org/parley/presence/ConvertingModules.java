package org.parley.presence;

import org.parley.xmpp.core.module.testing.RecordingOutbox;
import org.parley.xmpp.core.module.testing.RecordingModuleContext;
import org.dom4j.Element;
import org.parley.presence.avatar.AvatarConversion;
import org.parley.presence.bookmarks.BookmarksCompat;
import org.parley.presence.pep.JooqPepStore;
import org.parley.presence.pep.PepModule;
import org.parley.presence.privatexml.PrivateXmlModule;
import org.parley.presence.store.JooqPrivateXmlStore;
import org.parley.presence.vcard.VCardModule;
import org.parley.xmpp.core.module.InterceptorStage;
import org.parley.xmpp.core.module.IqHandler;
import org.parley.xmpp.core.module.IqKey;
import org.parley.xmpp.core.module.StanzaErrorException;
import org.parley.xmpp.core.module.StanzaInterceptor;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Packet;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The vCard, private XML and PEP modules with the conversions between them (XEP-0398, XEP-0402 §5.3), started as
 * the server starts them, on a {@link PresenceFixture}; IQs are dispatched to the registered handler by key.
 */
public final class ConvertingModules {
    public static final int MAX_VCARD_CHARS = 200_000;

    public final PresenceFixture fixture;
    public final JooqPrivateXmlStore privateXml;
    public final RecordingModuleContext context;
    public final RecordingOutbox outbox = new RecordingOutbox();

    public ConvertingModules(PresenceFixture fixture) {
        this.fixture = fixture;
        this.privateXml = new JooqPrivateXmlStore(fixture.database);
        context = new RecordingModuleContext(PresenceFixture.DOMAIN, fixture.router, b -> List.of());
        VCardModule vcard = new VCardModule(fixture.vcards, MAX_VCARD_CHARS, fixture.queues);
        PrivateXmlModule privateXmlModule = new PrivateXmlModule(privateXml, MAX_VCARD_CHARS, fixture.queues);
        PepModule pep = new PepModule(new JooqPepStore(fixture.database), fixture.rosters, fixture.tracker,
                fixture.queues);
        vcard.start(context);
        privateXmlModule.start(context);
        pep.start(context);
        new AvatarConversion(fixture.vcards, MAX_VCARD_CHARS, pep, vcard, fixture.queues).start(context);
        new BookmarksCompat(privateXml, pep, privateXmlModule).start(context);
    }

    /** Hands the IQ {@code xml} to the handler registered for it and expects a result. */
    public IQ result(String xml) throws StanzaErrorException {
        IQ iq = Stanzas.iq(xml);
        IQ result = handler(iq).handle(iq, outbox);
        assertThat(result.getType()).as("answer to %s", xml).isEqualTo(IQ.Type.result);
        return result;
    }

    /** The child of the result of the IQ {@code xml}. */
    public Element query(String xml) throws StanzaErrorException {
        return result(xml).getChildElement();
    }

    /** The interceptor added at {@code stage}, run on a client's outbound stanza; waits for its verdict. */
    public void outbound(InterceptorStage stage, Packet stanza) {
        for (StanzaInterceptor interceptor : context.interceptors(stage)) {
            interceptor.outbound(stanza).toCompletableFuture().join();
        }
    }

    private IqHandler handler(IQ iq) {
        Element child = iq.getChildElement();
        IqKey key = IqKey.account(iq.getType(), child.getName(), child.getNamespaceURI());
        return context.handler(key).orElseThrow(() -> new AssertionError("no handler for " + key));
    }
}
