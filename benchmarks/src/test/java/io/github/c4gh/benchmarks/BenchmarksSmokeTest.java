package io.github.c4gh.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * CI smoke test: every benchmark runs once, in-process and briefly (fork 0, one 100 ms warmup and
 * one 100 ms measurement, 1 MiB streams, 1 MiB uploads and a 1 MiB object for the seekable reads,
 * each transfer trial against its own in-process S3Proxy), and produces its results. Not a
 * measurement.
 */
class BenchmarksSmokeTest {
  /** Every benchmark method and how many parameter combinations it has with the settings below. */
  private static final Map<String, Integer> EXPECTED = Map.ofEntries(
      Map.entry("CodecBaselineBenchmark.encrypt", 1),
      Map.entry("CodecBaselineBenchmark.decrypt", 1),
      Map.entry("CipherBackendBenchmark.seal", 4),
      Map.entry("CipherBackendBenchmark.open", 4),
      Map.entry("CodecStreamBenchmark.encrypt", 2),
      Map.entry("CodecStreamBenchmark.decrypt", 2),
      Map.entry("CodecPairedBenchmark.pair", 4),
      Map.entry("CodecScalingBenchmark.pair", 2),
      Map.entry("HeaderBenchmark.build", 2),
      Map.entry("HeaderBenchmark.parse", 2),
      Map.entry("KeyFileBenchmark.parsePrivateKey", 4),
      Map.entry("TransferBenchmark.plainMultipartUpload", 1),
      Map.entry("TransferBenchmark.bridgeEncryptAndUpload", 1),
      Map.entry("TransferBenchmark.paired", 1),
      Map.entry("SeekableReadBenchmark.randomRead", 1),
      Map.entry("SeekableReadBenchmark.openAndRandomRead", 1));

  /** Secondary results each benchmark class (by name prefix) must report, all positive. */
  private static final Map<String, String[]> SECONDARIES = Map.of(
      "CodecPaired", new String[] {"vsBaseline", "rawMib", "pipelineMib"},
      "CodecScaling", new String[] {"vsOneThread", "oneThreadMib", "parallelMib", "ownCores", "ceiling", "vsCeiling"},
      "CodecStream", new String[] {"mib", "cpuMib"},
      "CodecBaseline", new String[] {"mib", "cpuMib"},
      "CipherBackend", new String[] {"mib", "cpuMib"},
      "TransferBenchmark.paired", new String[] {"vsBaseline", "rawMib", "pipelineMib", "plainCpuMib", "bridgeCpuMib", "cpuRatio"},
      "TransferBenchmark.plain", new String[] {"mib"},
      "TransferBenchmark.bridge", new String[] {"mib"},
      "SeekableRead", new String[] {"requestsPerRead", "bytesPerRead", "usPerRead"});

  @Test
  void everyBenchmarkRunsAndReports() throws RunnerException {
    Options options = new OptionsBuilder()
        .include(CodecBaselineBenchmark.class.getName())
        .include(CipherBackendBenchmark.class.getName())
        .include(CodecStreamBenchmark.class.getName())
        .include(CodecPairedBenchmark.class.getName())
        .include(CodecScalingBenchmark.class.getName())
        .include(HeaderBenchmark.class.getName())
        .include(KeyFileBenchmark.class.getName())
        .include(TransferBenchmark.class.getName())
        .include(SeekableReadBenchmark.class.getName())
        .forks(0)
        .warmupIterations(1)
        .warmupTime(TimeValue.milliseconds(100))
        .measurementIterations(1)
        .measurementTime(TimeValue.milliseconds(100))
        .param("sizeMiB", "1")
        .param("ceilingMiB", "1")
        .param("objectMiB", "1")
        .param("threads", "1", "2")
        .verbosity(VerboseMode.SILENT)
        .shouldFailOnError(true)
        .build();
    Collection<RunResult> results = new Runner(options).run();

    Map<String, Integer> seen = new TreeMap<>();
    for (RunResult r : results) {
      String label = r.getParams().getBenchmark();
      String name = label.substring(label.lastIndexOf('.', label.lastIndexOf('.') - 1) + 1);
      Result<?> primary = r.getPrimaryResult();
      assertTrue(primary.getSampleCount() > 0 && primary.getScore() > 0, () -> name + " " + r.getParams() + " measured nothing");
      for (Map.Entry<String, String[]> e : SECONDARIES.entrySet()) {
        if (!name.startsWith(e.getKey())) {
          continue;
        }
        for (String secondary : e.getValue()) {
          Result<?> s = r.getSecondaryResults().get(secondary);
          // a channel kept open over a 1 MiB object soon holds all of it: no requests is right there
          boolean mayBeZero = name.equals("SeekableReadBenchmark.randomRead") && !secondary.equals("usPerRead");
          assertTrue(s != null && (s.getScore() > 0 || (mayBeZero && s.getScore() == 0)),
              () -> name + " " + r.getParams() + " reported no " + secondary);
        }
      }
      seen.merge(name, 1, Integer::sum);
    }
    assertEquals(new TreeMap<>(EXPECTED), seen);
  }
}
