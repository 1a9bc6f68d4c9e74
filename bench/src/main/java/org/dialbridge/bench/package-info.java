/**
 * The load and latency benchmarks: {@link org.dialbridge.bench.Main} runs one scenario against the
 * stack and its bare limit, {@link org.dialbridge.bench.ServerMain} is the JVM under test (see
 * bench/README.md). A tool, not an API (its classes are package-private but for the two mains):
 * command-line options left out are null until their per-scenario default is applied.
 */
package org.dialbridge.bench;
