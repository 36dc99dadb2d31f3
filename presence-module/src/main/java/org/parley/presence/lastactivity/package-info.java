/** Last Activity (XEP-0012): "last seen" of contacts and the server's uptime. */
package org.parley.presence.lastactivity;
