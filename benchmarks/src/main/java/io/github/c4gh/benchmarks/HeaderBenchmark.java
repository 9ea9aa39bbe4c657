package io.github.c4gh.benchmarks;

import io.github.c4gh.crypt4gh.Crypt4ghPrivateKey;
import io.github.c4gh.crypt4gh.Crypt4ghPublicKey;
import io.github.c4gh.crypt4gh.DataEncryptionParameters;
import io.github.c4gh.crypt4gh.DecryptedHeader;
import io.github.c4gh.crypt4gh.Header;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
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
 * Header cost per file: building (a fresh ephemeral writer key, one X25519 agreement, BLAKE2b and
 * ChaCha20-Poly1305 per recipient packet) and parsing plus opening it with the key of the last
 * recipient (the worst case: every packet before its own is tried).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HeaderBenchmark {
  @Param({"1", "8"})
  public int recipients;

  private final SecureRandom random = new SecureRandom();
  private List<Crypt4ghPublicKey> publicKeys;
  private Crypt4ghPrivateKey reader;
  private DataEncryptionParameters dataKey;
  private byte[] encoded;

  @Setup
  public void setUp() {
    publicKeys = new ArrayList<>();
    for (int i = 0; i < recipients; i++) {
      reader = Crypt4ghPrivateKey.generate(random);
      publicKeys.add(reader.publicKey());
    }
    dataKey = DataEncryptionParameters.generate(random);
    encoded = Header.encrypt(publicKeys, List.of(dataKey), null, null, random).encoded();
  }

  /** Encrypts a header for every recipient and encodes it. */
  @Benchmark
  public byte[] build() {
    return Header.encrypt(publicKeys, List.of(dataKey), null, null, random).encoded();
  }

  /** Parses an encoded header and opens the data key with the last recipient's key. */
  @Benchmark
  public DecryptedHeader parse() throws IOException {
    return Header.parse(encoded).decrypt(reader);
  }
}
