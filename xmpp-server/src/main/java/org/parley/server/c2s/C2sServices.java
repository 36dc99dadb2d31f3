package org.parley.server.c2s;

import io.netty.channel.group.ChannelGroup;
import io.netty.handler.ssl.SslContext;
import org.parley.server.config.ParleyConfig;
import org.parley.server.module.IqDispatcher;
import org.parley.server.module.ModuleRegistry;
import org.parley.server.routing.Router;
import org.parley.server.session.LocalSessions;
import org.parley.server.session.SessionTable;
import org.parley.xmpp.core.sasl.SaslMechanisms;

import java.util.concurrent.Executor;

/**
 * What a client connection needs from the server, shared by all connections.
 *
 * @param config     the configuration
 * @param sslContext the TLS context for STARTTLS and direct TLS
 * @param sasl       the SASL mechanisms offered
 * @param router     routes stanzas of bound sessions
 * @param dispatcher answers pre-authentication IQs (in-band registration)
 * @param modules    the module registry, told when sessions are bound and end
 * @param table      the session table
 * @param locals     this node's sessions
 * @param blocking   executor for blocking work (virtual threads)
 * @param nodeId     this node's id in the session table
 * @param channels   all open client channels, for shutdown
 * @param resumables the sessions a client may resume (XEP-0198 §5)
 */
public record C2sServices(ParleyConfig config, SslContext sslContext, SaslMechanisms sasl, Router router,
                          IqDispatcher dispatcher, ModuleRegistry modules, SessionTable table, LocalSessions locals, Executor blocking,
                          String nodeId, ChannelGroup channels, ResumableSessions resumables) {
}
