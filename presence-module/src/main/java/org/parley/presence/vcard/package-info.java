/** vcard-temp (XEP-0054): storing and reading vCards. */
package org.parley.presence.vcard;
