package io.github.c4gh.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.c4gh.examples.SeedWorkflow.Status;
import io.github.c4gh.examples.SeedWorkflow.StepResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seed workflow on the embedded S3Proxy: every step passes except the two sharing steps, skipped with a reason. */
class SeedWorkflowTest {
  @Test
  void passesOnTheEmbeddedServerWithTheSharingStepsSkipped() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SeedWorkflow.Result r;
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      r = SeedWorkflow.run(new String[] {"--embedded", "--size-mib", "3"}, out);
    }
    String printed = bytes.toString(StandardCharsets.UTF_8);
    System.out.println(printed);
    assertTrue(r.ok(), printed);
    List<StepResult> steps = r.steps();
    assertEquals(6, steps.size());
    assertEquals(Status.PASSED, steps.get(0).status(), "keys");
    assertEquals(Status.PASSED, steps.get(1).status(), "anonymous read of the public key");
    assertEquals(Status.SKIPPED, steps.get(2).status(), "shared bucket");
    assertTrue(steps.get(2).detail().contains("single identity"), steps.get(2).detail());
    assertEquals(Status.PASSED, steps.get(3).status(), "producer upload");
    assertEquals(Status.SKIPPED, steps.get(4).status(), "revoke");
    assertEquals(Status.PASSED, steps.get(5).status(), "member download");
    assertTrue(printed.contains("(demo passphrase)") || System.getenv("C4GH_PASSPHRASE") != null);
    assertFalse(printed.contains("PRIVATE KEY"), "the secret key is never printed");
    assertTrue(printed.contains("SHA-256 equal"));
  }
}
