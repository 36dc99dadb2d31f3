/**
 * JMH benchmarks of Parley's hot paths, and {@link org.parley.bench.MucFanOutLoad}, an end-to-end group chat load
 * run against a real in-process server over loopback sockets (a {@code main}, not JMH). Build with the rest ({@code ./mvnw -pl xmpp-bench -am package}), run with
 * {@code java -jar xmpp-bench/target/benchmarks.jar [JMH options]}; figures go into the issue notes and
 * {@code docs/benchmarks.md}, never into timed tests.
 */
package org.parley.bench;
