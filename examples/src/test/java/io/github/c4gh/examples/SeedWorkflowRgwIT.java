package io.github.c4gh.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.c4gh.examples.SeedWorkflow.Status;
import io.github.c4gh.examples.SeedWorkflow.StepResult;
import org.junit.jupiter.api.Test;

/**
 * The seed workflow against the Ceph RGW that {@code scripts/ceph-rgw-start.sh} starts (profile
 * {@code ceph-it}, on when {@code C4GH_IT_ENDPOINT} is set): every step must pass, the sharing
 * steps included. Also the examples that need two identities or a real server.
 */
class SeedWorkflowRgwIT {
  @Test
  void everyStepPassesOnCephRgw() throws Exception {
    assertTrue(System.getenv("C4GH_IT_PRODUCER_ACCESS_KEY") != null, "source the rgw.env of scripts/ceph-rgw-start.sh");
    SeedWorkflow.Result r = SeedWorkflow.run(new String[] {"--size-mib", "64"}, System.out);
    assertEquals(6, r.steps().size());
    for (StepResult s : r.steps()) {
      assertEquals(Status.PASSED, s.status(), s.step() + ": " + s.detail());
    }
  }

  @Test
  void shareAndRevoke() throws Exception {
    ShareAndRevoke.main(new String[0]);
  }

  @Test
  void readBamRegion() throws Exception {
    ReadBamRegion.main(new String[0]);
  }

  @Test
  void rekeyObject() throws Exception {
    RekeyObject.main(new String[0]);
  }
}
