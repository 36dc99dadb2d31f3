/** Service discovery of the server (XEP-0030). */
package org.parley.server.modules.disco;
