/**
 * JMH benchmarks of the Crypt4GH codec. Throughputs are reported as the secondary result
 * {@code mib} (MiB/s, a JMH {@code @AuxCounters} rate) beside the primary ops/s; compare them only
 * with the {@link io.github.c4gh.benchmarks.CodecBaselineBenchmark} baseline measured in the same
 * run. See {@code benchmarks/README.md}.
 */
package io.github.c4gh.benchmarks;
