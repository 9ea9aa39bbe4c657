package io.github.c4gh.allas.testing;

import io.github.c4gh.allas.AllasClient;
import io.github.c4gh.allas.AllasConfig;
import java.net.URI;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The Ceph RGW that {@code scripts/ceph-rgw-start.sh} starts, as its {@code rgw.env} describes it.
 * A missing variable fails the test: the ITs run only in the {@code ceph-it} profile, which is on
 * exactly when {@code C4GH_IT_ENDPOINT} is set, so anything else missing is a broken setup. Shared
 * with the other modules' ITs through this module's test-jar.
 */
public final class RgwEnv {
  private RgwEnv() {}

  /** One of the three test projects: OWNER, PRODUCER or OTHER. */
  public record Project(String id, String name, String accessKey, String secretKey) {
    public AllasClient client() {
      return AllasClient.create(config());
    }

    public AllasConfig config() {
      return AllasConfig.builder()
          .endpoint(endpoint())
          .credentials(accessKey, secretKey)
          .environment(Map.of())
          .homeDirectory(Path.of("/nonexistent-home-for-its"))
          .awsDefaultCredentialsChain(false)
          .build();
    }

    @Override
    public String toString() {
      return name + " (" + id + ")";
    }
  }

  public static String require(String name) {
    String v = System.getenv(name);
    if (v == null || v.isBlank()) {
      throw new IllegalStateException(
          name + " is not set: start the test RGW with scripts/ceph-rgw-start.sh and source the rgw.env it writes");
    }
    return v.strip();
  }

  public static URI endpoint() {
    return URI.create(require("C4GH_IT_ENDPOINT"));
  }

  public static Project project(String which) {
    String p = "C4GH_IT_" + which + "_";
    return new Project(require(p + "ID"), require(p + "NAME"), require(p + "ACCESS_KEY"), require(p + "SECRET_KEY"));
  }

  /** A bucket name unique to this run. */
  public static String uniqueBucket(String what) {
    byte[] r = new byte[4];
    ThreadLocalRandom.current().nextBytes(r);
    return "c4gh-it-" + what + "-" + HexFormat.of().formatHex(r);
  }
}
