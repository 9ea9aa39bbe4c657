package io.github.c4gh.benchmarks;

import io.github.c4gh.crypt4gh.Crypt4ghPrivateKey;
import io.github.c4gh.crypt4gh.Kdf;
import io.github.c4gh.crypt4gh.KeyFiles;
import io.github.c4gh.crypt4gh.PassphraseSource;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Loading a {@code c4gh-v1} secret key file per KDF, with the parameters this library writes
 * (scrypt N=2^14 r=8 p=1, bcrypt_pbkdf 100 rounds, PBKDF2-HMAC-SHA256 100 000 rounds, none). The
 * KDFs are meant to be slow; this only reports what a key load costs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class KeyFileBenchmark {
  /** The KDF's name as written in key files. */
  @Param({"scrypt", "bcrypt", "pbkdf2_hmac_sha256", "none"})
  public String kdf;

  private static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();

  private String text;
  private PassphraseSource passphrase;

  @Setup
  public void setUp() {
    Kdf k = Kdf.fromSpecName(kdf);
    SecureRandom random = new SecureRandom();
    text = KeyFiles.formatPrivateKey(Crypt4ghPrivateKey.generate(random), k, k == Kdf.NONE ? null : PASSPHRASE, "bench", random);
    passphrase = PassphraseSource.of(PASSPHRASE);
  }

  /** {@code KeyFiles.parsePrivateKey}: armor, KDF, ChaCha20-Poly1305 unwrap. */
  @Benchmark
  public Crypt4ghPrivateKey parsePrivateKey() throws IOException {
    return KeyFiles.parsePrivateKey(text, passphrase);
  }
}
