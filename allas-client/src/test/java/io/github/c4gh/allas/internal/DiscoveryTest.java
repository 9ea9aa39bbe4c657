package io.github.c4gh.allas.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.c4gh.allas.AllasConfig;
import io.github.c4gh.allas.AllasException;
import io.github.c4gh.allas.MissingCredentialsException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/** Discovery with fake environments and temporary home directories; never the real ones. */
class DiscoveryTest {
  @TempDir Path home;

  private Discovery.Resolved resolve(Map<String, String> env) {
    return resolve(env, b -> {});
  }

  private Discovery.Resolved resolve(Map<String, String> env, java.util.function.Consumer<AllasConfig.Builder> more) {
    return Discovery.resolve(
        AllasConfig.builder().environment(env).homeDirectory(home).awsDefaultCredentialsChain(false).applyMutation(more).build());
  }

  private static AwsCredentials creds(Discovery.Resolved r) {
    return r.credentials().resolveCredentials();
  }

  private void write(String relative, String content) throws IOException {
    Path p = home.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

  @Test
  void explicitValuesWinOverEverything() throws IOException {
    write(".aws/credentials", "[default]\naws_access_key_id = FILEKEY\naws_secret_access_key = filesecret\n");
    Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", "ENVKEY", "AWS_SECRET_ACCESS_KEY", "envsecret", "AWS_ENDPOINT_URL", "http://env:1");
    Discovery.Resolved r = resolve(env, b -> b.credentials("EXPLICIT", "explicitsecret").endpoint("https://explicit.example"));
    assertEquals("EXPLICIT", creds(r).accessKeyId());
    assertEquals("explicitsecret", creds(r).secretAccessKey());
    assertEquals(URI.create("https://explicit.example"), r.endpoint());
    assertEquals("explicit", r.endpointSource());
    assertEquals("explicit", r.credentialsSource());
  }

  @Test
  void environmentWinsOverFiles() throws IOException {
    write(".aws/credentials", "[default]\naws_access_key_id = FILEKEY\naws_secret_access_key = filesecret\n");
    write(".aws/config", "[default]\nendpoint_url = https://file.example\n");
    Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", "ENVKEY", "AWS_SECRET_ACCESS_KEY", "envsecret", "AWS_ENDPOINT_URL", "http://127.0.0.1:7480/");
    Discovery.Resolved r = resolve(env);
    assertEquals("ENVKEY", creds(r).accessKeyId());
    assertEquals("envsecret", creds(r).secretAccessKey());
    assertEquals("environment AWS_ACCESS_KEY_ID", r.credentialsSource());
    assertEquals(URI.create("http://127.0.0.1:7480"), r.endpoint());
    assertEquals("environment AWS_ENDPOINT_URL", r.endpointSource());
  }

  @Test
  void serviceSpecificEndpointVariableComesFirst() {
    Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", "K", "AWS_SECRET_ACCESS_KEY", "S",
        "AWS_ENDPOINT_URL", "http://generic:1", "AWS_ENDPOINT_URL_S3", "http://s3only:2");
    assertEquals(URI.create("http://s3only:2"), resolve(env).endpoint());
  }

  @Test
  void sessionTokenFromTheEnvironmentIsUsed() {
    Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", "K", "AWS_SECRET_ACCESS_KEY", "S", "AWS_SESSION_TOKEN", "T");
    AwsSessionCredentials c = assertInstanceOf(AwsSessionCredentials.class, creds(resolve(env)));
    assertEquals("T", c.sessionToken());
  }

  @Test
  void iniCredentialsFileAndConfigEndpoint() throws IOException {
    write(".aws/credentials", "# written by allas-conf\n[default]\naws_access_key_id = INIKEY\naws_secret_access_key = inisecret\n");
    write(".aws/config", "[default]\nregion = regionOne\nendpoint_url = https://a3s.fi\n");
    Discovery.Resolved r = resolve(Map.of());
    assertEquals("INIKEY", creds(r).accessKeyId());
    assertEquals("inisecret", creds(r).secretAccessKey());
    assertEquals(home.resolve(".aws/credentials") + " [default]", r.credentialsSource());
    assertEquals(URI.create("https://a3s.fi"), r.endpoint());
    assertEquals(home.resolve(".aws/config") + " [default] endpoint_url", r.endpointSource());
  }

  @Test
  void upperCaseVariableStyleLinesInTheCredentialsFile() throws IOException {
    write(".aws/credentials", "[default]\nAWS_ACCESS_KEY_ID=UPPERKEY\nAWS_SECRET_ACCESS_KEY=uppersecret\n");
    Discovery.Resolved r = resolve(Map.of());
    assertEquals("UPPERKEY", creds(r).accessKeyId());
    assertEquals("uppersecret", creds(r).secretAccessKey());
  }

  @Test
  void variableStyleLinesWithoutASectionQuotesOrExport() throws IOException {
    write(".aws/credentials", "export AWS_ACCESS_KEY_ID=\"QUOTEDKEY\"\nAWS_SECRET_ACCESS_KEY='quoted secret'\n");
    Discovery.Resolved r = resolve(Map.of());
    assertEquals("QUOTEDKEY", creds(r).accessKeyId());
    assertEquals("quoted secret", creds(r).secretAccessKey());
  }

  @Test
  void profileFromAwsProfileVariable() throws IOException {
    write(".aws/credentials", "[default]\naws_access_key_id = D\naws_secret_access_key = d\n[work]\naws_access_key_id = W\naws_secret_access_key = w\n");
    write(".aws/config", "[default]\nendpoint_url = https://default.example\n[profile work]\nendpoint_url = https://work.example\n");
    Discovery.Resolved r = resolve(Map.of("AWS_PROFILE", "work"));
    assertEquals("W", creds(r).accessKeyId());
    assertEquals(URI.create("https://work.example"), r.endpoint());
    Discovery.Resolved explicit = resolve(Map.of("AWS_PROFILE", "work"), b -> b.profile("default"));
    assertEquals("D", creds(explicit).accessKeyId());
    assertEquals(URI.create("https://default.example"), explicit.endpoint());
  }

  @Test
  void s3SubsectionEndpointInConfigComesFirst() throws IOException {
    write(".aws/credentials", "[default]\naws_access_key_id = K\naws_secret_access_key = s\n");
    write(".aws/config", "[default]\nendpoint_url = https://generic.example\ns3 =\n  endpoint_url = https://s3.example\n  addressing_style = path\n");
    assertEquals(URI.create("https://s3.example"), resolve(Map.of()).endpoint());
  }

  @Test
  void credentialsInTheConfigFile() throws IOException {
    write(".aws/config", "[profile p]\naws_access_key_id = CFGKEY\naws_secret_access_key = cfgsecret\n");
    Discovery.Resolved r = resolve(Map.of("AWS_PROFILE", "p"));
    assertEquals("CFGKEY", creds(r).accessKeyId());
    assertEquals(home.resolve(".aws/config") + " [profile p]", r.credentialsSource());
  }

  @Test
  void s3cfgKeysAndHostBase() throws IOException {
    write(".s3cfg", "[default]\naccess_key = S3CFGKEY\nsecret_key = s3cfgsecret\nhost_base = a3s.fi\nhost_bucket = a3s.fi\nuse_https = True\n");
    Discovery.Resolved r = resolve(Map.of());
    assertEquals("S3CFGKEY", creds(r).accessKeyId());
    assertEquals("s3cfgsecret", creds(r).secretAccessKey());
    assertEquals(URI.create("https://a3s.fi"), r.endpoint());
    assertEquals(home.resolve(".s3cfg") + " host_base", r.endpointSource());
  }

  @Test
  void s3cfgWithoutHttps() throws IOException {
    write(".s3cfg", "[default]\naccess_key = K\nsecret_key = s\nhost_base = 127.0.0.1:7480\nuse_https = False\n");
    assertEquals(URI.create("http://127.0.0.1:7480"), resolve(Map.of()).endpoint());
  }

  @Test
  void awsFilesComeBeforeS3cfg() throws IOException {
    write(".aws/credentials", "[default]\naws_access_key_id = AWSFILE\naws_secret_access_key = a\n");
    write(".s3cfg", "[default]\naccess_key = S3CFG\nsecret_key = s\nhost_base = other.example\n");
    Discovery.Resolved r = resolve(Map.of());
    assertEquals("AWSFILE", creds(r).accessKeyId());
    // no endpoint in ~/.aws/config: the .s3cfg host is the next place
    assertEquals(URI.create("https://other.example"), r.endpoint());
  }

  @Test
  void defaultEndpointIsAllas() {
    Discovery.Resolved r = resolve(Map.of("AWS_ACCESS_KEY_ID", "K", "AWS_SECRET_ACCESS_KEY", "S"));
    assertEquals(URI.create("https://a3s.fi"), r.endpoint());
    assertEquals("default", r.endpointSource());
  }

  @Test
  void fileLocationsFromTheEnvironment() throws IOException {
    Path elsewhere = home.resolve("elsewhere");
    Files.createDirectories(elsewhere);
    Files.writeString(elsewhere.resolve("creds"), "[default]\naws_access_key_id = MOVED\naws_secret_access_key = m\n");
    Files.writeString(elsewhere.resolve("cfg"), "[default]\nendpoint_url = https://moved.example\n");
    Map<String, String> env = Map.of("AWS_SHARED_CREDENTIALS_FILE", elsewhere.resolve("creds").toString(), "AWS_CONFIG_FILE", "~/elsewhere/cfg");
    Discovery.Resolved r = resolve(env);
    assertEquals("MOVED", creds(r).accessKeyId());
    assertEquals(URI.create("https://moved.example"), r.endpoint());
  }

  @Test
  void anIncompletePairInTheEnvironmentIsSkipped() throws IOException {
    write(".aws/credentials", "[default]\naws_access_key_id = FILEKEY\naws_secret_access_key = filesecret\n");
    Discovery.Resolved r = resolve(Map.of("AWS_ACCESS_KEY_ID", "ONLYID"));
    assertEquals("FILEKEY", creds(r).accessKeyId());
  }

  @Test
  void missingCredentialsSaysWhereItLookedWithoutSecrets() throws IOException {
    write(".aws/credentials", "[other]\naws_access_key_id = OTHERKEY\naws_secret_access_key = TOPSECRETVALUE\n");
    write(".aws/config", "[default]\nendpoint_url = https://a3s.fi\n");
    write(".s3cfg", "[default]\nsecret_key = ANOTHERSECRET\n");
    Map<String, String> env = new HashMap<>();
    env.put("AWS_SECRET_ACCESS_KEY", "ENVSECRET");
    MissingCredentialsException e = assertThrows(MissingCredentialsException.class, () -> resolve(env));
    String m = e.getMessage();
    assertTrue(m.contains("explicit"), m);
    assertTrue(m.contains("only AWS_SECRET_ACCESS_KEY is set"), m);
    assertTrue(m.contains(home.resolve(".aws/credentials") + " [default]: no such section"), m);
    assertTrue(m.contains(home.resolve(".aws/config") + " [default]: no aws_access_key_id"), m);
    assertTrue(m.contains(home.resolve(".s3cfg") + " [default]: secret_key without access_key"), m);
    assertTrue(m.contains("AWS default credentials chain: turned off"), m);
    assertTrue(m.contains("allas-conf"), m);
    assertFalse(m.contains("TOPSECRETVALUE") || m.contains("ANOTHERSECRET") || m.contains("ENVSECRET"), m);
  }

  @Test
  void missingFilesAreListed() {
    MissingCredentialsException e = assertThrows(MissingCredentialsException.class, () -> resolve(Map.of()));
    assertTrue(e.getMessage().contains(home.resolve(".aws/credentials") + ": no such file"), e.getMessage());
    assertTrue(e.getMessage().contains(home.resolve(".s3cfg") + ": no such file"), e.getMessage());
    assertTrue(e.getMessage().contains("environment AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY: not set"), e.getMessage());
  }

  @Test
  void invalidEndpointsAreReportedWithTheirSource() throws IOException {
    write(".aws/config", "[default]\nendpoint_url = ftp://nope\n");
    AllasException e = assertThrows(AllasException.class,
        () -> resolve(Map.of("AWS_ACCESS_KEY_ID", "K", "AWS_SECRET_ACCESS_KEY", "S")));
    assertTrue(e.getMessage().contains("endpoint_url"), e.getMessage());
  }

  @Test
  void iniParserDetails() {
    IniFile f = IniFile.parse(Path.of("x"), java.util.List.of(
        "top = 1", "; comment", "[a]", "K = v1", "k = v2", "nested =", "  inner = i", "after = z", "  ignored = q", "[b]", "noequals", "=novalue"));
    assertEquals("1", f.get("default", "top").orElseThrow());
    assertEquals("v2", f.get("a", "K").orElseThrow());
    assertEquals("i", f.get("a", "nested.inner").orElseThrow());
    assertEquals("z", f.get("a", "after").orElseThrow());
    assertEquals("q", f.get("a", "ignored").orElseThrow());
    assertTrue(f.hasSection("b"));
    assertTrue(f.get("a", "nested").isEmpty());
  }
}
