package io.github.c4gh.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The results of {@link CodecScalingBenchmark}, as JMH secondary results (shown in "ops/s"; same
 * wall-time trick as {@link PairedRatio}):
 *
 * <ul>
 *   <li>{@code vsOneThread}: time through the single-threaded channel / time through the
 *       {@code parallelism}-thread channel for the same bytes, timed in alternation: the speed-up;
 *   <li>{@code oneThreadMib}, {@code parallelMib}: each side's MiB/s;
 *   <li>{@code ownCores}: CPU-seconds this JVM used per wall second while the parallel side ran;
 *   <li>{@code ceiling}: bare-cipher time on one thread / the same bytes on independent threads
 *       (see {@link CodecScalingBenchmark}), what the cores give for the cipher alone;
 *   <li>{@code vsCeiling}: {@code vsOneThread} / {@code ceiling};
 *   <li>{@code otherCores}: CPU-seconds the rest of the machine used per wall second meanwhile (from
 *       {@code /proc/stat}, Linux only; 0 elsewhere). On a 2-core machine {@code ownCores +
 *       otherCores} near 2 with {@code otherCores} well above 0 means the speed-up was capped by
 *       other work, not by the pipeline; {@code ownCores} well below 2 with {@code otherCores}
 *       near 0 means the pipeline left a core idle.
 * </ul>
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class PairedScaling {
  private static final double MIB = 1024.0 * 1024.0;
  private static final Path PROC_STAT = Path.of("/proc/stat");
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private static final double TICK_NS = 1e9 / 100; // USER_HZ, 100 on Linux

  public double vsOneThread;
  public double oneThreadMib;
  public double parallelMib;
  public double ownCores;
  public double otherCores;
  public double ceiling;
  public double vsCeiling;

  private long wallStart;
  private long oneNanos;
  private long manyNanos;
  private double bytes;
  private long ownCpu;
  private long machineBusy;
  private long mark;
  private long markCpu;
  private long markBusy;
  private long ceilingOneNanos;
  private long ceilingManyNanos;

  @Setup(Level.Iteration)
  public void start() {
    vsOneThread = 0;
    oneThreadMib = 0;
    parallelMib = 0;
    ownCores = 0;
    otherCores = 0;
    ceiling = 0;
    vsCeiling = 0;
    ceilingOneNanos = 0;
    ceilingManyNanos = 0;
    oneNanos = 0;
    manyNanos = 0;
    bytes = 0;
    ownCpu = 0;
    machineBusy = 0;
    wallStart = System.nanoTime();
  }

  /** Call when the parallel side starts. */
  public void markParallelStart() {
    markBusy = machineBusyNanos();
    markCpu = OS.getProcessCpuTime();
    mark = System.nanoTime();
  }

  /**
   * Adds one pair: {@code n} bytes through each side, {@code oneNs} on one thread; the parallel
   * side ran from {@link #markParallelStart()} until now.
   */
  public void add(long n, long oneNs) {
    long now = System.nanoTime();
    ownCpu += OS.getProcessCpuTime() - markCpu;
    machineBusy += machineBusyNanos() - markBusy;
    oneNanos += oneNs;
    manyNanos += now - mark;
    bytes += n;
    publish();
  }

  /**
   * Adds one ceiling pair: the same bytes on one bare thread in {@code oneNs}, on independent
   * threads in {@code manyNs}.
   */
  public void addCeiling(long oneNs, long manyNs) {
    ceilingOneNanos += oneNs;
    ceilingManyNanos += manyNs;
    publish();
  }

  /** Sets every counter from the sums so far, scaled by the wall time of the iteration up to now. */
  private void publish() {
    double wall = (System.nanoTime() - wallStart) / 1e9;
    if (manyNanos > 0) {
      vsOneThread = (double) oneNanos / manyNanos * wall;
      oneThreadMib = bytes / MIB / (oneNanos / 1e9) * wall;
      parallelMib = bytes / MIB / (manyNanos / 1e9) * wall;
      ownCores = (double) ownCpu / manyNanos * wall;
      otherCores = Math.max(0, (double) (machineBusy - ownCpu) / manyNanos) * wall;
    }
    if (ceilingManyNanos > 0) {
      double c = (double) ceilingOneNanos / ceilingManyNanos;
      ceiling = c * wall;
      vsCeiling = manyNanos == 0 ? 0 : (double) oneNanos / manyNanos / c * wall;
    }
  }

  /** Busy CPU time of the whole machine (all but idle and iowait), or 0 if unknown. */
  static long machineBusyNanos() {
    try {
      String first = Files.readAllLines(PROC_STAT, StandardCharsets.US_ASCII).get(0);
      String[] f = first.trim().split("\\s+");
      long busy = 0;
      for (int i = 1; i < f.length && i <= 8; i++) {
        if (i != 4 && i != 5) { // idle, iowait
          busy += Long.parseLong(f[i]);
        }
      }
      return (long) (busy * TICK_NS);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
