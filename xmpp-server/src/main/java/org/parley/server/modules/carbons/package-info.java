/** Message Carbons (XEP-0280): copies of a user's chats to the user's other resources that asked for them. */
package org.parley.server.modules.carbons;
