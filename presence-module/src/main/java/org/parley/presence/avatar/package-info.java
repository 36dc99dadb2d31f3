/**
 * Avatars in both forms at once (XEP-0398): an avatar published over PEP (XEP-0084) is copied into the vCard
 * (XEP-0153), a vCard photo is published to PEP, and the server puts the avatar's hash into every available presence
 * a client sends ({@code vcard-temp:x:update}, XEP-0398 §4, XEP-0153 §4.1).
 */
package org.parley.presence.avatar;
