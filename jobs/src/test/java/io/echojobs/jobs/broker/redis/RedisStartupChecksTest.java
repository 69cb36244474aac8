package io.echojobs.jobs.broker.redis;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.echojobs.jobs.Backend;
import io.echojobs.jobs.testing.RedisServerProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RedisStartupChecksTest {

  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private final Logger checks = (Logger) LoggerFactory.getLogger(ServerChecks.class);

  private Level levelBefore;

  @BeforeEach
  void listen() {
    levelBefore = checks.getLevel();
    checks.setLevel(Level.INFO);
    logged.start();
    checks.addAppender(logged);
  }

  @AfterEach
  void stopListening() {
    checks.detachAppender(logged);
    checks.setLevel(levelBefore);
  }

  @Test
  void aServerThatMayEvictKeysIsReportedLoudly() {
    try (RedisServerProcess redis = RedisServerProcess.start("--maxmemory-policy", "allkeys-lru");
        Backend backend = RedisBackend.connect(redis.url())) {

      assertThat(logged.list)
          .anySatisfy(
              event -> {
                assertThat(event.getLevel()).isEqualTo(Level.WARN);
                assertThat(event.getFormattedMessage())
                    .contains("allkeys-lru")
                    .contains("lose messages")
                    .contains("noeviction");
              });
    }
  }

  @Test
  void aServerThatNeverEvictsRaisesNoWarning() {
    try (RedisServerProcess redis = RedisServerProcess.start("--maxmemory-policy", "noeviction");
        Backend backend = RedisBackend.connect(redis.url())) {

      assertThat(logged.list).noneMatch(event -> event.getLevel() == Level.WARN);
      assertThat(logged.list).anyMatch(event -> event.getFormattedMessage().contains("7."));
    }
  }
}
