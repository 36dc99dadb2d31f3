package org.parley.muc;

import org.parley.xmpp.core.module.HostedService;
import org.parley.xmpp.core.module.ModuleContext;
import org.parley.xmpp.core.module.UserQueues;
import org.parley.xmpp.core.module.XmppModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * Multi-user chat (XEP-0045) at {@code <subdomain>.<domain>}: serves the domain through the hosted-service SPI
 * (RFC 6120 §10.4, XEP-0045 §4), lists it in the server's disco#items (§6.1), loads persistent rooms at start.
 */
public final class MucModule implements XmppModule {
    private static final Logger log = LoggerFactory.getLogger(MucModule.class);

    private final MucSettings settings;
    private final RoomStore store;
    private final UserQueues queues;
    private final Clock clock;
    private final RoomArchive archive;
    private MucService service;

    /**
     * @param settings the service's settings
     * @param store    where persistent rooms are kept
     * @param archive  the rooms' archives (XEP-0313), or null for none
     * @param queues   the serial queues (a room's work runs under its bare JID)
     */
    public MucModule(MucSettings settings, RoomStore store, RoomArchive archive, UserQueues queues, Clock clock) {
        this.settings = settings;
        this.store = store;
        this.archive = archive;
        this.queues = queues;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "muc";
    }

    @Override
    public void start(ModuleContext context) {
        Rooms rooms = new Rooms(settings, store, archive);
        int loaded = rooms.load();
        if (archive != null) archive.startRetention();
        service = new MucService(rooms, Policies.standard(), context.router(), queues, clock);
        context.addService(new HostedService(settings.serviceDomain(), "Chatrooms", service));
        context.addSessionListener(service);
        log.info("Group chat at {}: {} persistent rooms loaded", settings.serviceDomain(), loaded);
    }

    /** Stops the archive's retention schedule and writes its pending messages. */
    @Override
    public void stop() {
        if (archive != null) archive.close();
    }

    /** The running service (after {@link #start}). */
    public MucService service() {
        return service;
    }
}
