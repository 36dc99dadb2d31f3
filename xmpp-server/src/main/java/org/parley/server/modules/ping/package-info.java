/** XMPP Ping (XEP-0199): answering pings to the server. */
package org.parley.server.modules.ping;
