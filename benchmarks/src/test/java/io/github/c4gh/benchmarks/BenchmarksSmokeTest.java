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
 * one 100 ms measurement, 1 MiB streams), and produces its results. Not a measurement.
 */
class BenchmarksSmokeTest {
  /** Every benchmark method and how many parameter combinations it has with the settings below. */
  private static final Map<String, Integer> EXPECTED = Map.of(
      "CodecBaselineBenchmark.encrypt", 1,
      "CodecBaselineBenchmark.decrypt", 1,
      "CodecStreamBenchmark.encrypt", 2,
      "CodecStreamBenchmark.decrypt", 2,
      "CodecPairedBenchmark.pair", 4,
      "HeaderBenchmark.build", 2,
      "HeaderBenchmark.parse", 2,
      "KeyFileBenchmark.parsePrivateKey", 4);

  @Test
  void everyBenchmarkRunsAndReports() throws RunnerException {
    Options options = new OptionsBuilder()
        .include(CodecBaselineBenchmark.class.getName())
        .include(CodecStreamBenchmark.class.getName())
        .include(CodecPairedBenchmark.class.getName())
        .include(HeaderBenchmark.class.getName())
        .include(KeyFileBenchmark.class.getName())
        .forks(0)
        .warmupIterations(1)
        .warmupTime(TimeValue.milliseconds(100))
        .measurementIterations(1)
        .measurementTime(TimeValue.milliseconds(100))
        .param("sizeMiB", "1")
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
      if (name.startsWith("Codec")) {
        String[] secondaries = name.startsWith("CodecPaired") ? new String[] {"vsBaseline", "rawMib", "pipelineMib"} : new String[] {"mib", "cpuMib"};
        for (String secondary : secondaries) {
          Result<?> s = r.getSecondaryResults().get(secondary);
          assertTrue(s != null && s.getScore() > 0, () -> name + " " + r.getParams() + " reported no " + secondary);
        }
      }
      seen.merge(name, 1, Integer::sum);
    }
    assertEquals(new TreeMap<>(EXPECTED), seen);
  }
}
