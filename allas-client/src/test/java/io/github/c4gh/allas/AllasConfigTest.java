package io.github.c4gh.allas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;

class AllasConfigTest {

  @Test
  void defaultsSuitAllas() {
    AllasConfig c = AllasConfig.defaults();
    assertTrue(c.endpoint().isEmpty());
    assertEquals("us-east-1", c.region());
    assertTrue(c.pathStyle());
    assertEquals(RequestChecksumCalculation.WHEN_REQUIRED, c.requestChecksumCalculation());
    assertEquals(ResponseChecksumValidation.WHEN_REQUIRED, c.responseChecksumValidation());
    assertEquals(Duration.ofSeconds(10), c.connectionTimeout());
    assertEquals(Duration.ofSeconds(60), c.socketTimeout());
    assertTrue(c.apiCallTimeout().isEmpty());
    assertTrue(c.apiCallAttemptTimeout().isEmpty());
    assertEquals(3, c.maxRetries());
    assertEquals(64, c.maxConnections());
    assertTrue(c.credentialsProvider().isEmpty());
    assertTrue(c.environment().isEmpty());
    assertTrue(c.homeDirectory().isEmpty());
    assertTrue(c.awsDefaultCredentialsChain());
    assertEquals(URI.create("https://a3s.fi"), AllasConfig.ALLAS_ENDPOINT);
  }

  @Test
  void toBuilderAndCopyKeepEverything() {
    AllasConfig c = AllasConfig.builder()
        .endpoint("http://127.0.0.1:7480/")
        .region("other")
        .credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
        .profile("p")
        .pathStyle(false)
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_SUPPORTED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_SUPPORTED)
        .connectionTimeout(Duration.ofSeconds(1))
        .socketTimeout(Duration.ofSeconds(2))
        .apiCallTimeout(Duration.ofSeconds(3))
        .apiCallAttemptTimeout(Duration.ofSeconds(4))
        .maxRetries(0)
        .maxConnections(5)
        .environment(Map.of("A", "B"))
        .homeDirectory(Path.of("/h"))
        .awsDefaultCredentialsChain(false)
        .build();
    assertEquals(URI.create("http://127.0.0.1:7480"), c.endpoint().orElseThrow());
    AllasConfig same = c.toBuilder().build();
    assertNotSame(c, same);
    assertEquals(c.toString(), same.toString());
    assertEquals(c.credentialsProvider(), same.credentialsProvider());
    AllasConfig changed = c.copy(b -> b.maxRetries(7));
    assertEquals(7, changed.maxRetries());
    assertEquals(0, c.maxRetries());
    assertEquals(c.toString().replace("maxRetries=0", "maxRetries=7"), changed.toString());
    assertEquals("AKIDEXAMPLE", c.credentialsProvider().orElseThrow().resolveCredentials().accessKeyId());
  }

  @Test
  void toStringNeverShowsSecretsOrTheEnvironment() {
    AllasConfig c = AllasConfig.builder()
        .credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
        .environment(Map.of("AWS_SECRET_ACCESS_KEY", "ENVSECRETVALUE"))
        .build();
    String s = c.toString();
    assertFalse(s.contains("wJalrXUtnFEMI"), s);
    assertFalse(s.contains("ENVSECRETVALUE"), s);
    assertTrue(s.contains("credentials=explicit"), s);
    assertTrue(s.contains("environment=(injected, 1 variables)"), s);
  }

  @Test
  void refusesNonsense() {
    AllasConfig.Builder b = AllasConfig.builder();
    assertThrows(IllegalArgumentException.class, () -> b.endpoint("ftp://x"));
    assertThrows(IllegalArgumentException.class, () -> b.endpoint("https://a3s.fi/bucket"));
    assertThrows(IllegalArgumentException.class, () -> b.endpoint("https://user@a3s.fi"));
    assertThrows(IllegalArgumentException.class, () -> b.endpoint("https://a3s.fi?x=1"));
    assertThrows(IllegalArgumentException.class, () -> b.maxRetries(-1));
    assertThrows(IllegalArgumentException.class, () -> b.maxConnections(0));
    assertThrows(IllegalArgumentException.class, () -> b.socketTimeout(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> b.connectionTimeout(Duration.ofSeconds(-1)));
    assertThrows(NullPointerException.class, () -> b.credentials("id", null));
  }

  @Test
  void clientDiscoversFromInjectedEnvironmentAndHidesSecrets() {
    AllasConfig c = AllasConfig.builder()
        .environment(Map.of("AWS_ACCESS_KEY_ID", "AKIDENV", "AWS_SECRET_ACCESS_KEY", "ENVSECRETVALUE",
            "AWS_ENDPOINT_URL", "http://127.0.0.1:9"))
        .homeDirectory(Path.of("/nonexistent"))
        .awsDefaultCredentialsChain(false)
        .build();
    try (AllasClient client = AllasClient.create(c)) {
      assertEquals(URI.create("http://127.0.0.1:9"), client.endpoint());
      assertEquals("environment AWS_ACCESS_KEY_ID", client.credentialsSource());
      assertFalse(client.toString().contains("ENVSECRETVALUE"), client.toString());
      assertEquals(c, client.config());
    }
  }

  @Test
  void clientRefusesToStartWithoutCredentials() {
    MissingCredentialsException e = assertThrows(MissingCredentialsException.class,
        () -> AllasClient.create(b -> b.environment(Map.of()).homeDirectory(Path.of("/nonexistent")).awsDefaultCredentialsChain(false)));
    assertTrue(e.getMessage().contains("/nonexistent/.aws/credentials: no such file"), e.getMessage());
  }
}
