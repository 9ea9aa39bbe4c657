package io.github.c4gh.allas.internal;

import io.github.c4gh.allas.AllasConfig;
import java.io.ByteArrayInputStream;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.LegacyMd5Plugin;
import software.amazon.awssdk.services.s3.S3Client;

/** Builds the SDK's {@link S3Client} for resolved settings. */
public final class S3ClientFactory {
  private S3ClientFactory() {}

  /**
   * A sync S3 client over the Apache HttpClient 5 based SDK client with the configuration's timeouts, retries,
   * addressing and checksum settings.
   *
   * <p>The SDK gets an empty profile file: everything it would read from {@code ~/.aws/config}
   * (checksum modes, endpoints, ARN settings) has been decided by discovery already, and the
   * process's real files must not override an injected configuration. The {@link LegacyMd5Plugin}
   * sends {@code Content-MD5} on the operations S3 requires a checksum for (DeleteObjects,
   * PutBucketLifecycleConfiguration, ...), which older Ceph RGW expects instead of the SDK's
   * CRC32 header.
   */
  public static S3Client create(AllasConfig config, URI endpoint, AwsCredentialsProvider credentials) {
    ProfileFile emptyProfiles =
        ProfileFile.builder().content(new ByteArrayInputStream(new byte[0])).type(ProfileFile.Type.CONFIGURATION).build();
    ClientOverrideConfiguration.Builder override =
        ClientOverrideConfiguration.builder()
            .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(config.maxRetries() + 1).build())
            .defaultProfileFile(emptyProfiles)
            .defaultProfileName("default");
    config.apiCallTimeout().ifPresent(override::apiCallTimeout);
    config.apiCallAttemptTimeout().ifPresent(override::apiCallAttemptTimeout);
    return S3Client.builder()
        .endpointOverride(endpoint)
        .region(Region.of(config.region()))
        .credentialsProvider(credentials)
        .forcePathStyle(config.pathStyle())
        .requestChecksumCalculation(config.requestChecksumCalculation())
        .responseChecksumValidation(config.responseChecksumValidation())
        .httpClientBuilder(
            Apache5HttpClient.builder()
                .connectionTimeout(config.connectionTimeout())
                .socketTimeout(config.socketTimeout())
                .maxConnections(config.maxConnections()))
        .overrideConfiguration(override.build())
        .addPlugin(LegacyMd5Plugin.create())
        .build();
  }
}
