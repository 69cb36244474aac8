package io.echojobs.echo.providers.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.echojobs.echo.providers.Summarizer;
import io.echojobs.echo.providers.SummaryRequest;
import org.junit.jupiter.api.Test;

class ExtractiveSummarizerTest {

  private static final String TOWN_MEETING =
      """
      Good evening everyone and thank you for coming.
      The playground budget was cut again this year.
      My daughter plays football on Saturdays.
      Without a playground budget the children play on the street.
      The weather has been terrible lately.
      We ask the council to restore the playground budget before summer.
      Does anyone want more coffee?\
      """;

  @Test
  void anEmptyTranscriptYieldsTheSentinel() {
    var summarizer = new ExtractiveSummarizer();

    assertThat(summarizer.summarize(SummaryRequest.of("", "en")))
        .isEqualTo(Summarizer.NO_TRANSCRIPT);
    assertThat(summarizer.summarize(SummaryRequest.of(" \n\t ", "nl")))
        .isEqualTo("[No transcript available]");
  }

  @Test
  void theSentencesAboutTheRecurringTopicArePickedInTheirOriginalOrder() {
    var summarizer = new ExtractiveSummarizer(3);

    String summary = summarizer.summarize(SummaryRequest.of(TOWN_MEETING, "en"));

    assertThat(summary)
        .isEqualTo(
            "The playground budget was cut again this year."
                + " Without a playground budget the children play on the street."
                + " We ask the council to restore the playground budget before summer.");
  }

  @Test
  void theSameTranscriptAlwaysGivesTheSameSummary() {
    var summarizer = new ExtractiveSummarizer(2);
    var request = SummaryRequest.of(TOWN_MEETING, "en");

    assertThat(summarizer.summarize(request)).isEqualTo(summarizer.summarize(request));
  }

  @Test
  void dutchStopWordsDoNotDecideWhatIsRepresentative() {
    String transcript =
        """
        Ik denk dat het wel zo is dat we het er nog over moeten hebben.
        De fietsenstalling bij het station is altijd vol.
        Er is geen plek meer in de fietsenstalling van het station.
        Ja, dat is zo.\
        """;
    var summarizer = new ExtractiveSummarizer(2);

    String summary = summarizer.summarize(SummaryRequest.of(transcript, "nl"));

    assertThat(summary)
        .isEqualTo(
            "De fietsenstalling bij het station is altijd vol."
                + " Er is geen plek meer in de fietsenstalling van het station.");
  }

  @Test
  void guidanceTipsTheBalanceTowardsItsWords() {
    String transcript =
        """
        The bus line to the hospital stops running at eight.
        The bus line should also run on Sundays.
        Parking at the hospital costs too much.\
        """;
    var summarizer = new ExtractiveSummarizer(1);

    String withoutGuidance = summarizer.summarize(SummaryRequest.of(transcript, "en"));
    String withGuidance =
        summarizer.summarize(new SummaryRequest(transcript, "en", "Focus on parking costs."));

    assertThat(withoutGuidance).isEqualTo("The bus line to the hospital stops running at eight.");
    assertThat(withGuidance).isEqualTo("Parking at the hospital costs too much.");
  }

  @Test
  void fillerSentencesAreSkippedAndRepeatsKeptOnce() {
    String transcript = "Yes. Okay. We need safer crossings near the school. Yes.";

    String summary = new ExtractiveSummarizer().summarize(SummaryRequest.of(transcript, "en"));

    assertThat(summary).isEqualTo("We need safer crossings near the school.");
  }

  @Test
  void aTranscriptOfOnlyFillerStillGetsASummary() {
    String summary = new ExtractiveSummarizer().summarize(SummaryRequest.of("Yes. Okay.", "en"));

    assertThat(summary).isEqualTo("Yes. Okay.");
  }

  @Test
  void linesWithoutPunctuationBecomeSentences() {
    String transcript = "the new library opens in march\nthe library will open on sundays too";

    String summary = new ExtractiveSummarizer(1).summarize(SummaryRequest.of(transcript, "en"));

    assertThat(summary).isEqualTo("the new library opens in march.");
  }

  @Test
  void aVeryLongSentenceIsCutAtAWordBoundary() {
    String transcript = "word ".repeat(200) + "end";

    String summary = new ExtractiveSummarizer().summarize(SummaryRequest.of(transcript, "en"));

    assertThat(summary).hasSizeLessThanOrEqualTo(ExtractiveSummarizer.MAX_SENTENCE_CHARS + 1);
    assertThat(summary).endsWith("word…");
  }

  @Test
  void aSentenceCountBelowOneIsRejected() {
    assertThatThrownBy(() -> new ExtractiveSummarizer(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxSentences");
  }
}
