/** TLS for client streams (RFC 6120 §5, XEP-0368): the server context and self-signed certificates. */
package org.parley.server.tls;
