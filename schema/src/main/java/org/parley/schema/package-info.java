/**
 * Parley's relational storage: Flyway migrations for H2 and MySQL/MariaDB, the jOOQ classes generated from
 * them ({@code org.parley.schema.jooq}), and {@link org.parley.schema.Database}, the pooled entry point.
 */
package org.parley.schema;
