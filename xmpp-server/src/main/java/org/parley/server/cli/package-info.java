/** The {@code parley} command line (picocli): start the server, manage accounts. */
package org.parley.server.cli;
