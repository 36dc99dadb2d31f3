/** Typed server configuration ({@code conf/parley.yml}) with defaults, validation and environment overrides. */
package org.parley.server.config;
