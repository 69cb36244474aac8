package io.echojobs.echo.providers.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.echojobs.echo.providers.ChatCompletion;
import io.echojobs.echo.providers.ChatMessage;
import io.echojobs.echo.providers.ChatRequest;
import io.echojobs.echo.providers.ProviderUnavailableException;
import io.echojobs.echo.providers.Summarizer;
import io.echojobs.echo.providers.SummaryRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatSummarizerTest {

  private final List<ChatRequest> asked = new ArrayList<>();

  @Test
  void theTranscriptGoesInTheUserMessageAndLanguageAndGuidanceInTheSystemMessage() {
    var summarizer = new ChatSummarizer(answering("  Een samenvatting.  "));

    String summary =
        summarizer.summarize(
            new SummaryRequest("We willen een school.", "nl", "Focus op onderwijs."));

    assertThat(summary).isEqualTo("Een samenvatting.");
    List<ChatMessage> messages = asked.getFirst().messages();
    assertThat(messages)
        .extracting(ChatMessage::role)
        .containsExactly(ChatMessage.Role.SYSTEM, ChatMessage.Role.USER);
    assertThat(messages.get(0).content()).contains("\"nl\"").contains("Focus op onderwijs.");
    assertThat(messages.get(1).content()).isEqualTo("We willen een school.");
  }

  @Test
  void anEmptyTranscriptGetsTheSentinelWithoutAskingTheModel() {
    var summarizer = new ChatSummarizer(answering("unused"));

    assertThat(summarizer.summarize(SummaryRequest.of("", "en")))
        .isEqualTo(Summarizer.NO_TRANSCRIPT);
    assertThat(asked).isEmpty();
  }

  @Test
  void anEmptyAnswerIsUnavailableRatherThanStored() {
    var summarizer = new ChatSummarizer(answering(" "));

    assertThatThrownBy(() -> summarizer.summarize(SummaryRequest.of("Some talk.", "en")))
        .isInstanceOf(ProviderUnavailableException.class)
        .hasMessageContaining("empty summary");
  }

  private io.echojobs.echo.providers.ChatModel answering(String content) {
    return request -> {
      asked.add(request);
      return new ChatCompletion(content, "fake", "stop", ChatCompletion.Usage.NONE);
    };
  }
}
