package io.github.c4gh.allas.internal;

import io.github.c4gh.allas.AllasConfig;
import io.github.c4gh.allas.AllasException;
import io.github.c4gh.allas.MissingCredentialsException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Resolves the endpoint and credentials of an {@link AllasConfig}: explicit values, environment,
 * the files {@code allas-conf} writes, the AWS default chain, the Allas defaults (see the javadoc
 * of {@code AllasConfig}). Reads only the environment map and home directory it is given.
 */
public final class Discovery {
  private static final Logger LOG = LoggerFactory.getLogger(Discovery.class);

  private final Map<String, String> env;
  private final Path home;
  private final String profile;
  private final String profileSource;

  /**
   * The outcome: where each setting came from is described without secrets.
   *
   * @param endpoint the endpoint to use
   * @param endpointSource where it came from, for messages
   * @param credentials the credentials provider to use
   * @param credentialsSource where the credentials came from, for messages
   */
  public record Resolved(URI endpoint, String endpointSource, AwsCredentialsProvider credentials, String credentialsSource) {}

  private Discovery(Map<String, String> env, Path home, String explicitProfile) {
    this.env = env;
    this.home = home;
    if (explicitProfile != null) {
      this.profile = explicitProfile;
      this.profileSource = "explicit";
    } else if (nonEmpty(env.get("AWS_PROFILE"))) {
      this.profile = env.get("AWS_PROFILE").strip();
      this.profileSource = "AWS_PROFILE";
    } else {
      this.profile = "default";
      this.profileSource = "default";
    }
  }

  /** Resolves a configuration against its (injected or process) environment and home directory. */
  public static Resolved resolve(AllasConfig config) {
    Map<String, String> env = config.environment().orElseGet(System::getenv);
    Path home = config.homeDirectory().orElseGet(() -> Path.of(System.getProperty("user.home", ".")));
    Discovery d = new Discovery(env, home, config.profile().orElse(null));
    Endpoint ep = d.endpoint(config);
    Credentials cr = d.credentials(config);
    return new Resolved(ep.uri, ep.source, cr.provider, cr.source);
  }

  private record Endpoint(URI uri, String source) {}

  private record Credentials(AwsCredentialsProvider provider, String source) {}

  private Endpoint endpoint(AllasConfig config) {
    if (config.endpoint().isPresent()) {
      return new Endpoint(config.endpoint().get(), "explicit");
    }
    for (String var : List.of("AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL")) {
      if (nonEmpty(env.get(var))) {
        return new Endpoint(checkedEndpoint(env.get(var).strip(), "environment " + var), "environment " + var);
      }
    }
    Optional<IniFile> cfg = readQuietly(configFile());
    if (cfg.isPresent()) {
      String section = configSection(cfg.get());
      for (String key : List.of("s3.endpoint_url", "endpoint_url")) {
        Optional<String> v = cfg.get().get(section, key);
        if (v.isPresent()) {
          String where = cfg.get().path() + " [" + section + "] " + key;
          return new Endpoint(checkedEndpoint(v.get(), where), where);
        }
      }
    }
    Optional<IniFile> s3cfg = readQuietly(s3cfgFile());
    if (s3cfg.isPresent()) {
      Optional<String> host = s3cfg.get().get("default", "host_base");
      if (host.isPresent()) {
        String h = host.get();
        String where = s3cfg.get().path() + " host_base";
        if (h.contains("://")) {
          return new Endpoint(checkedEndpoint(h, where), where);
        }
        boolean https =
            !s3cfg.get().get("default", "use_https").map(v -> v.toLowerCase(Locale.ROOT)).map(v -> v.equals("false") || v.equals("no") || v.equals("0")).orElse(false);
        return new Endpoint(checkedEndpoint((https ? "https://" : "http://") + h, where), where);
      }
    }
    return new Endpoint(AllasConfig.ALLAS_ENDPOINT, "default");
  }

  private static URI checkedEndpoint(String text, String where) {
    try {
      URI uri = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
      return AllasConfig.builder().endpoint(uri).build().endpoint().orElseThrow();
    } catch (IllegalArgumentException e) {
      throw new AllasException("invalid S3 endpoint '" + text + "' in " + where + ": " + e.getMessage(), e);
    }
  }

  private Credentials credentials(AllasConfig config) {
    if (config.credentialsProvider().isPresent()) {
      return new Credentials(config.credentialsProvider().get(), "explicit");
    }
    List<String> looked = new ArrayList<>();
    looked.add("explicit credentials: none");

    String id = env.get("AWS_ACCESS_KEY_ID");
    String secret = env.get("AWS_SECRET_ACCESS_KEY");
    if (nonEmpty(id) && nonEmpty(secret)) {
      return new Credentials(provider(id, secret, env.get("AWS_SESSION_TOKEN")), "environment AWS_ACCESS_KEY_ID");
    }
    if (nonEmpty(id) || nonEmpty(secret)) {
      String msg = "environment: only " + (nonEmpty(id) ? "AWS_ACCESS_KEY_ID" : "AWS_SECRET_ACCESS_KEY") + " is set, ignored";
      LOG.warn("S3 credentials: {}", msg);
      looked.add(msg);
    } else {
      looked.add("environment AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY: not set");
    }

    Path credFile = credentialsFile();
    Optional<IniFile> creds = read(credFile, looked);
    if (creds.isPresent()) {
      Optional<Credentials> c = fromIni(creds.get(), profile, "aws_access_key_id", "aws_secret_access_key", looked);
      if (c.isPresent()) {
        return c.get();
      }
    }
    Path cfgFile = configFile();
    Optional<IniFile> cfg = read(cfgFile, looked);
    if (cfg.isPresent()) {
      Optional<Credentials> c =
          fromIni(cfg.get(), configSection(cfg.get()), "aws_access_key_id", "aws_secret_access_key", looked);
      if (c.isPresent()) {
        return c.get();
      }
    }
    Optional<IniFile> s3cfg = read(s3cfgFile(), looked);
    if (s3cfg.isPresent()) {
      Optional<Credentials> c = fromIni(s3cfg.get(), "default", "access_key", "secret_key", looked);
      if (c.isPresent()) {
        return c.get();
      }
    }

    if (config.awsDefaultCredentialsChain()) {
      DefaultCredentialsProvider chain = DefaultCredentialsProvider.builder().profileName(profile).build();
      try {
        chain.resolveCredentials();
        return new Credentials(chain, "AWS default credentials chain");
      } catch (RuntimeException e) {
        looked.add("AWS default credentials chain: " + firstLine(e.getMessage()));
        chain.close();
      }
    } else {
      looked.add("AWS default credentials chain: turned off");
    }
    throw new MissingCredentialsException(
        "no S3 credentials found (profile '"
            + profile
            + "' from "
            + profileSource
            + "). Looked at, in order:\n  - "
            + String.join("\n  - ", looked)
            + "\nRun CSC's allas-conf (e.g. `allas-conf --mode s3cmd`), set AWS_ACCESS_KEY_ID and"
            + " AWS_SECRET_ACCESS_KEY, or pass credentials explicitly.",
        null);
  }

  private Optional<Credentials> fromIni(IniFile f, String section, String idKey, String secretKey, List<String> looked) {
    Optional<String> id = f.get(section, idKey);
    Optional<String> secret = f.get(section, secretKey);
    String where = f.path() + " [" + section + "]";
    if (id.isPresent() && secret.isPresent()) {
      return Optional.of(new Credentials(provider(id.get(), secret.get(), f.get(section, "aws_session_token").orElse(null)), where));
    }
    if (!f.hasSection(section)) {
      looked.add(where + ": no such section");
    } else if (id.isPresent() || secret.isPresent()) {
      String msg = where + ": " + (id.isPresent() ? idKey : secretKey) + " without " + (id.isPresent() ? secretKey : idKey) + ", ignored";
      LOG.warn("S3 credentials: {}", msg);
      looked.add(msg);
    } else {
      looked.add(where + ": no " + idKey + " / " + secretKey);
    }
    return Optional.empty();
  }

  private static AwsCredentialsProvider provider(String id, String secret, String token) {
    AwsCredentials c =
        nonEmpty(token)
            ? AwsSessionCredentials.create(id.strip(), secret.strip(), token.strip())
            : AwsBasicCredentials.create(id.strip(), secret.strip());
    return StaticCredentialsProvider.create(c);
  }

  private String configSection(IniFile cfg) {
    if (profile.equals("default") && !cfg.hasSection("default") && cfg.hasSection("profile default")) {
      return "profile default";
    }
    return profile.equals("default") ? "default" : "profile " + profile;
  }

  private Path credentialsFile() {
    String f = env.get("AWS_SHARED_CREDENTIALS_FILE");
    return nonEmpty(f) ? expand(f) : home.resolve(".aws").resolve("credentials");
  }

  private Path configFile() {
    String f = env.get("AWS_CONFIG_FILE");
    return nonEmpty(f) ? expand(f) : home.resolve(".aws").resolve("config");
  }

  private Path s3cfgFile() {
    String f = env.get("S3CMD_CONFIG");
    return nonEmpty(f) ? expand(f) : home.resolve(".s3cfg");
  }

  private Path expand(String f) {
    String s = f.strip();
    if (s.equals("~")) {
      return home;
    }
    if (s.startsWith("~/")) {
      return home.resolve(s.substring(2));
    }
    return Path.of(s);
  }

  private static Optional<IniFile> read(Path p, List<String> looked) {
    try {
      Optional<IniFile> f = IniFile.read(p);
      if (f.isEmpty()) {
        looked.add(p + ": no such file");
      }
      return f;
    } catch (IOException e) {
      looked.add(p + ": unreadable (" + e + ")");
      LOG.warn("cannot read {}: {}", p, e.toString());
      return Optional.empty();
    }
  }

  private static Optional<IniFile> readQuietly(Path p) {
    try {
      return IniFile.read(p);
    } catch (IOException e) {
      LOG.warn("cannot read {}: {}", p, e.toString());
      return Optional.empty();
    }
  }

  private static boolean nonEmpty(String s) {
    return s != null && !s.isBlank();
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "no credentials";
    }
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }
}
