/** Software Version (XEP-0092). */
package org.parley.server.modules.version;
