package io.echojobs.echo.providers.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.echojobs.echo.providers.ProviderRejectedException;
import io.echojobs.echo.providers.ProviderUnavailableException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ModelGroupTest {

  private final List<String> tried = new ArrayList<>();

  @Test
  void thePrimaryAnswersWithoutTouchingTheFallbacks() {
    var group = new ModelGroup("chat", List.of("a", "b"));

    assertThat(group.call(this::answer)).isEqualTo("answer from a");
    assertThat(tried).containsExactly("a");
  }

  @Test
  void modelsAreTriedInOrderUntilOneAnswers() {
    var group = new ModelGroup("chat", List.of("a", "b", "c"));

    String answer = group.call(model -> model.equals("c") ? answer(model) : unavailable(model));

    assertThat(answer).isEqualTo("answer from c");
    assertThat(tried).containsExactly("a", "b", "c");
  }

  @Test
  void aRejectionStopsTheGroupAtOnce() {
    var group = new ModelGroup("chat", List.of("a", "b"));

    assertThatThrownBy(
            () ->
                group.call(
                    model -> {
                      tried.add(model);
                      throw new ProviderRejectedException("chat", model, 404, "no such model");
                    }))
        .isInstanceOf(ProviderRejectedException.class);
    assertThat(tried).containsExactly("a");
  }

  @Test
  void anInterruptedThreadTriesNoFurtherModel() {
    var group = new ModelGroup("chat", List.of("a", "b"));

    try {
      assertThatThrownBy(
              () ->
                  group.call(
                      model -> {
                        Thread.currentThread().interrupt();
                        return unavailable(model);
                      }))
          .isInstanceOf(ProviderUnavailableException.class);
      assertThat(tried).containsExactly("a");
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void anOutageIsLoggedOnceWhenItStartsAndOnceWhenItEnds() {
    var group = new ModelGroup("chat", List.of("a", "b"));
    Logger logger = (Logger) LoggerFactory.getLogger(ModelGroup.class);
    var events = new ListAppender<ILoggingEvent>();
    events.start();
    logger.addAppender(events);
    Level configured = logger.getLevel();
    logger.setLevel(Level.DEBUG);
    boolean[] primaryDown = {true};

    try {
      for (int call = 0; call < 3; call++) {
        group.call(
            model -> model.equals("a") && primaryDown[0] ? unavailable(model) : answer(model));
      }
      primaryDown[0] = false;
      group.call(this::answer);
    } finally {
      logger.detachAppender(events);
      logger.setLevel(configured);
    }

    assertThat(events.list)
        .filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
        .extracting(ILoggingEvent::getFormattedMessage)
        .containsExactly(
            "chat model unavailable, trying the next until it answers again model=a status=503"
                + " next=b",
            "chat model answers again model=a");
  }

  @Test
  void anEmptyGroupIsRejected() {
    assertThatThrownBy(() -> new ModelGroup("chat", List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("models");
  }

  private String answer(String model) {
    tried.add(model);
    return "answer from " + model;
  }

  private String unavailable(String model) {
    tried.add(model);
    throw new ProviderUnavailableException("chat", model, 503, "overloaded", null);
  }
}
