/**
 * Multi-user chat (XEP-0045) served at a hosted service domain such as {@code conference.localhost}: a small room
 * core ({@link org.parley.muc.Room}) plus one policy object per rule (entry: {@link org.parley.muc.BanPolicy},
 * {@link org.parley.muc.MembersOnlyPolicy}, {@link org.parley.muc.PasswordPolicy},
 * {@link org.parley.muc.MaxOccupantsPolicy}; speaking: {@link org.parley.muc.ModerationPolicy}; administration:
 * {@link org.parley.muc.AffiliationPolicy}, {@link org.parley.muc.RolePolicy}, {@link org.parley.muc.MemberCapPolicy}).
 * Rooms keep archives (XEP-0313 on the room's bare JID, {@link org.parley.muc.RoomArchive} on offline-storage's archive
 * code) while {@code muc#roomconfig_enablelogging} is on, with XEP-0359 stanza-ids on what they reflect, XEP-0424
 * retraction and XEP-0425 moderation ({@link org.parley.muc.RoomLog}).
 * All work for one room runs in that room's serial queue (keyed by the room's bare JID), never on an event loop.
 */
package org.parley.muc;
