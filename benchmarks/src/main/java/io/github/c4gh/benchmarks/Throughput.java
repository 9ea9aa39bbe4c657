package io.github.c4gh.benchmarks;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Bytes processed, as a JMH auxiliary counter: in throughput mode JMH divides it by the measured
 * time, so the secondary result {@code mib} reads directly in MiB/s.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class Throughput {
  /** MiB processed; reported as MiB/s. */
  public double mib;

  @Setup(Level.Iteration)
  public void reset() {
    mib = 0;
  }

  /** Counts {@code bytes} more bytes. */
  public void add(long bytes) {
    mib += bytes / (1024.0 * 1024.0);
  }
}
