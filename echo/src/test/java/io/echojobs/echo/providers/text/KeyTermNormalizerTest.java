package io.echojobs.echo.providers.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyTermNormalizerTest {

  private final KeyTermNormalizer normalizer =
      KeyTermNormalizer.of("Dembrane, LiteLLM, Jan-Willem, GPT4, ECHO, Echo Jobs");

  @ParameterizedTest
  @ValueSource(strings = {"litellm", "LITELLM", "Lite LLM", "lite-llm", "LiteLlm"})
  void caseAndSeparatorVariantsBecomeTheCanonicalTerm(String variant) {
    assertThat(normalizer.normalize("We route through " + variant + " today."))
        .isEqualTo("We route through LiteLLM today.");
  }

  @Test
  void hyphenatedNamesAndDigitsMatchWithOrWithoutTheirSeparator() {
    assertThat(normalizer.normalize("jan willem asked about gpt-4 and janwillem agreed."))
        .isEqualTo("Jan-Willem asked about GPT4 and Jan-Willem agreed.");
  }

  @Test
  void aTermWithAnAccentAlsoReplacesItsSpellingWithoutOne() {
    KeyTermNormalizer cafe = KeyTermNormalizer.of("Repair Café");

    assertThat(cafe.normalize("the repair cafe and the REPAIR-CAFÉ meet"))
        .isEqualTo("the Repair Café and the Repair Café meet");
    assertThat(cafe.normalize("a cafeteria repair")).isEqualTo("a cafeteria repair");
  }

  @Test
  void aPossessiveKeepsItsSuffix() {
    assertThat(normalizer.normalize("dembrane's platform")).isEqualTo("Dembrane's platform");
  }

  @Test
  void aTermInsideALongerWordOrASimilarWordIsLeftAlone() {
    String text = "The membrane of subdembrane cells, an echoing hall.";

    assertThat(normalizer.normalize(text)).isEqualTo(text);
  }

  @Test
  void aLongerTermWinsOverAShorterTermItContains() {
    assertThat(normalizer.normalize("echo jobs runs on echo."))
        .isEqualTo("Echo Jobs runs on ECHO.");
  }

  @Test
  void termsAreTrimmedDeduplicatedAndOfferedAsAPrompt() {
    var terms = KeyTermNormalizer.of(" Dembrane ,dembrane,, x , ECHO ");

    assertThat(terms.terms()).containsExactly("Dembrane", "ECHO");
    assertThat(terms.prompt()).isEqualTo("Dembrane, ECHO");
  }

  @Test
  void noTermsChangeNothing() {
    var none = KeyTermNormalizer.of(null);

    assertThat(none.normalize("litellm")).isEqualTo("litellm");
    assertThat(KeyTermNormalizer.of("  ").prompt()).isEmpty();
  }

  @Test
  void replacementTextIsTakenLiterally() {
    var terms = KeyTermNormalizer.of("C$ Fund");

    assertThat(terms.normalize("the c$ fund grew")).isEqualTo("the C$ Fund grew");
  }
}
