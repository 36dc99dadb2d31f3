/**
 * Personal Eventing Protocol (XEP-0163) on the subset of Publish-Subscribe (XEP-0060) it needs: every account is a
 * virtual pubsub service whose nodes (avatars XEP-0084, tune XEP-0118, mood XEP-0107, geolocation XEP-0080,
 * bookmarks XEP-0402, OMEMO XEP-0384 …) are auto-created on publish (XEP-0163 §3), read and notified according to
 * their access model (XEP-0060 §4.5), and delivered to the resources that asked for them through entity
 * capabilities filtered notifications (XEP-0163 §4, XEP-0115).
 *
 * <p>A small core ({@link org.parley.presence.pep.PepModule}) plus one class per concern: the store
 * ({@link org.parley.presence.pep.PepStore}) behind a cache ({@link org.parley.presence.pep.PepNodes}), the
 * access policy, the publish-options preconditions, the caps cache, the notifier and the IQ handlers.
 */
package org.parley.presence.pep;
