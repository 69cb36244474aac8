package io.echojobs.jobs.broker.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.echojobs.jobs.Backend;
import io.echojobs.jobs.broker.Envelope;
import io.echojobs.jobs.testing.RedisServerProcess;
import io.echojobs.jobs.testing.TestRedis;
import io.lettuce.core.RedisException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code rediss://} against a redis-server with a self-signed certificate: the certificate is
 * verified by default (so the connection is refused), and the URL can turn verification off.
 * Skipped when openssl is missing.
 */
class RedisTlsTest {

  private static RedisServerProcess redis;
  private static int tlsPort;

  @BeforeAll
  static void startTlsServer() throws Exception {
    Path dir = Files.createTempDirectory("redis-tls-");
    Assumptions.assumeTrue(selfSignedCertificate(dir), "openssl could not make a certificate");
    tlsPort = TestRedis.freePort();
    redis =
        RedisServerProcess.start(
            "--tls-port", Integer.toString(tlsPort),
            "--tls-cert-file", dir.resolve("cert.pem").toString(),
            "--tls-key-file", dir.resolve("key.pem").toString(),
            "--tls-ca-cert-file", dir.resolve("cert.pem").toString(),
            "--tls-auth-clients", "no");
  }

  @AfterAll
  static void stop() {
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  void aSelfSignedServerIsRefusedBecauseTheCertificateIsVerifiedByDefault() {
    RedisSettings settings =
        RedisSettings.builder("rediss://localhost:" + tlsPort)
            .commandTimeout(Duration.ofSeconds(3))
            .build();

    assertThatThrownBy(() -> RedisBackend.connect(settings))
        .isInstanceOf(RedisException.class)
        .satisfies(e -> assertThat(causes(e)).anyMatch(SSLHandshakeException.class::isInstance));
  }

  @Test
  void theBrokerWorksOverTlsWhenTheUrlTurnsVerificationOff() throws Exception {
    try (Backend backend =
        RedisBackend.connect("rediss://localhost:" + tlsPort + "?verifyPeer=NONE")) {
      backend.broker().enqueue(new Envelope("m1", "tls", 0, null, null, new byte[] {7}));

      assertThat(backend.broker().fetch("tls", 1, Duration.ofSeconds(30), Duration.ZERO))
          .singleElement()
          .satisfies(delivery -> assertThat(delivery.envelope().body()).containsExactly(7));
    }
  }

  private static List<Throwable> causes(Throwable error) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = error; t != null && !chain.contains(t); t = t.getCause()) {
      chain.add(t);
    }
    return chain;
  }

  private static boolean selfSignedCertificate(Path dir) throws InterruptedException {
    List<String> command =
        List.of(
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=DNS:localhost,IP:127.0.0.1",
            "-keyout",
            dir.resolve("key.pem").toString(),
            "-out",
            dir.resolve("cert.pem").toString());
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("openssl.log").toFile())
              .start();
      return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }
}
