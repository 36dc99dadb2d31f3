/** Private XML Storage (XEP-0049), where clients keep bookmarks (XEP-0048) and preferences. */
package org.parley.presence.privatexml;
