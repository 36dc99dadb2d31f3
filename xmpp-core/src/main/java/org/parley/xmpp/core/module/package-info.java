/**
 * The module SPI: how a feature plugs into the server (Prosody-style modules, STYLE.md §1-§4). Modules register
 * IQ handlers by {@link org.parley.xmpp.core.module.IqKey} and disco features (XEP-0030) through a
 * {@link org.parley.xmpp.core.module.ModuleContext}; handlers return replies or throw
 * {@link org.parley.xmpp.core.module.StanzaErrorException}.
 */
package org.parley.xmpp.core.module;
