package io.github.c4gh.benchmarks;

import java.lang.management.ManagementFactory;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * MiB processed per second of CPU time of the whole JVM (all threads: pool workers and GC
 * included), as the JMH secondary result {@code cpuMib} (shown in "ops/s"; read it as MiB per
 * CPU-second). On a machine shared with other work this is far steadier than wall-clock MiB/s: it
 * does not count time spent waiting for a core. It measures cost, not speed: a parallel run that
 * keeps two cores busy shows about the same figure as a single-threaded one.
 *
 * <p>JMH only offers auxiliary counters that it divides by the iteration's wall time (or sums
 * across iterations), so the field holds the MiB/CPU-second rate multiplied by the wall time
 * elapsed in the iteration, which JMH's division turns back into the rate.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class CpuCost {
  private static final double MIB = 1024.0 * 1024.0;
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  /** MiB per CPU-second, times the iteration's elapsed wall seconds (see the class comment). */
  public double cpuMib;

  private long cpuStart;
  private long wallStart;
  private double mib;
  private double sinceUpdate;

  @Setup(Level.Iteration)
  public void start() {
    cpuMib = 0;
    mib = 0;
    sinceUpdate = 0;
    wallStart = System.nanoTime();
    cpuStart = OS.getProcessCpuTime();
  }

  /** Counts {@code bytes} more bytes; reads the clocks at most once per MiB. */
  public void add(long bytes) {
    double m = bytes / MIB;
    mib += m;
    sinceUpdate += m;
    if (sinceUpdate >= 1) {
      sinceUpdate = 0;
      long cpu = OS.getProcessCpuTime() - cpuStart;
      long wall = System.nanoTime() - wallStart;
      if (cpu > 0) {
        cpuMib = mib / (cpu / 1e9) * (wall / 1e9);
      }
    }
  }
}
