package io.github.c4gh.benchmarks;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The ratio of the raw JCA baseline's time to the pipeline's time for the same bytes, both timed
 * in alternation inside each operation, as the JMH secondary result {@code vsBaseline} (shown in
 * "ops/s"; read it as a plain ratio: 1.0 = as fast as raw JCA on one thread, 2.0 = twice as fast).
 * Alternating every few MiB exposes both to the same load on a shared machine, which comparing
 * two separate JMH benchmarks (run minutes apart) does not.
 *
 * <p>JMH only offers auxiliary counters that it divides by the iteration's wall time, so the field
 * holds the ratio multiplied by the wall time elapsed in the iteration; JMH's division turns it
 * back into the ratio. {@code rawMib} and {@code pipelineMib} are each side's own MiB/s.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class PairedRatio {
  private static final double MIB = 1024.0 * 1024.0;

  /** Raw time / pipeline time, times the iteration's elapsed wall seconds. */
  public double vsBaseline;
  /** Raw JCA MiB/s, times the iteration's elapsed wall seconds. */
  public double rawMib;
  /** Pipeline MiB/s, times the iteration's elapsed wall seconds. */
  public double pipelineMib;

  private long wallStart;
  private long rawNanos;
  private long pipelineNanos;
  private double rawBytes;
  private double pipelineBytes;

  @Setup(Level.Iteration)
  public void start() {
    vsBaseline = 0;
    rawMib = 0;
    pipelineMib = 0;
    rawNanos = 0;
    pipelineNanos = 0;
    rawBytes = 0;
    pipelineBytes = 0;
    wallStart = System.nanoTime();
  }

  /** Adds one pair of timings: {@code bytes} through raw JCA and through the pipeline. */
  public void add(long bytes, long rawNs, long pipelineNs) {
    rawNanos += rawNs;
    pipelineNanos += pipelineNs;
    rawBytes += bytes;
    pipelineBytes += bytes;
    double wall = (System.nanoTime() - wallStart) / 1e9;
    vsBaseline = (double) rawNanos / pipelineNanos * wall;
    rawMib = rawBytes / MIB / (rawNanos / 1e9) * wall;
    pipelineMib = pipelineBytes / MIB / (pipelineNanos / 1e9) * wall;
  }
}
