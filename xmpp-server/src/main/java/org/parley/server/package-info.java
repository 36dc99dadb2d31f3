/** The runnable Parley server: lifecycle and wiring of storage, modules, router and listeners. */
package org.parley.server;
