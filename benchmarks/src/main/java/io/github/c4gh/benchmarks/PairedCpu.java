package io.github.c4gh.benchmarks;

import java.lang.management.ManagementFactory;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The CPU cost of the two sides of {@link TransferBenchmark#paired}: MiB per CPU-second of the
 * whole JVM (client, in-process S3Proxy and GC included) for the plain upload ({@code
 * plainCpuMib}) and the bridge ({@code bridgeCpuMib}), and {@code cpuRatio} = plain CPU time /
 * bridge CPU time. With S3Proxy in the same JVM on a 2-core machine the transfer is CPU-bound, so
 * the CPU ratio bounds the wall-clock one. Same wall-time trick as {@link PairedRatio}.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class PairedCpu {
  private static final double MIB = 1024.0 * 1024.0;
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  /** Plain upload MiB per CPU-second, times the iteration's elapsed wall seconds. */
  public double plainCpuMib;
  /** Bridge MiB per CPU-second, times the iteration's elapsed wall seconds. */
  public double bridgeCpuMib;
  /** Plain CPU time / bridge CPU time, times the iteration's elapsed wall seconds. */
  public double cpuRatio;

  private long wallStart;
  private long plainCpu;
  private long bridgeCpu;
  private double bytes;

  @Setup(Level.Iteration)
  public void start() {
    plainCpuMib = 0;
    bridgeCpuMib = 0;
    cpuRatio = 0;
    plainCpu = 0;
    bridgeCpu = 0;
    bytes = 0;
    wallStart = System.nanoTime();
  }

  /** The process CPU time so far, in nanoseconds. */
  static long now() {
    return OS.getProcessCpuTime();
  }

  /** Adds one pair: {@code bytes} through each side and the CPU nanoseconds each took. */
  public void add(long bytes, long plainCpuNs, long bridgeCpuNs) {
    this.bytes += bytes;
    plainCpu += plainCpuNs;
    bridgeCpu += bridgeCpuNs;
    double wall = (System.nanoTime() - wallStart) / 1e9;
    if (plainCpu > 0 && bridgeCpu > 0) {
      plainCpuMib = this.bytes / MIB / (plainCpu / 1e9) * wall;
      bridgeCpuMib = this.bytes / MIB / (bridgeCpu / 1e9) * wall;
      cpuRatio = (double) plainCpu / bridgeCpu * wall;
    }
  }
}
