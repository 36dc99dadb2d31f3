/**
 * Client State Indication (XEP-0352): while a client says it is inactive, the server holds the stanzas it does
 * not need at once (presence updates, standalone chat states), keeps only the latest of each, and sends them
 * before anything that must go out at once, and when the client is active again.
 */
package org.parley.server.csi;
