package io.echojobs.echo.providers.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites spelling variants of a project's key terms in a transcript to the canonical spelling.
 * The key terms come from the project's comma-separated prompt ("Dembrane, LiteLLM, Jan-Willem").
 *
 * <p>Predictable by design: a variant is the term with any letter case and with its parts joined by
 * one space, one hyphen or nothing. Parts are split at spaces, hyphens and underscores, where a
 * lower-case letter meets an upper-case one, and where letters meet digits. So "LiteLLM" also
 * rewrites "litellm", "Lite LLM" and "lite-llm", and "GPT4" rewrites "gpt-4". A variant must stand
 * as whole words (not inside a longer word); a possessive such as "Dembrane's" keeps its suffix.
 * An accented letter also matches its bare letter ("cafe" becomes "Café").
 * Longer terms win over shorter ones that they contain. No edit-distance matching: it would turn
 * "membrane" into "Dembrane". Immutable and thread-safe.
 */
public final class KeyTermNormalizer {

  static final int MIN_TERM_CHARS = 2;

  private static final Pattern PART_BREAK =
      Pattern.compile(
          "[\\s_-]+|(?<=\\p{Ll})(?=\\p{Lu})|(?<=\\p{L})(?=\\p{N})|(?<=\\p{N})(?=\\p{L})");
  private static final String SEPARATOR = "[ \\-]?";
  private static final String NOT_WORD_BEFORE = "(?<![\\p{L}\\p{N}])";
  private static final String NOT_WORD_AFTER = "(?![\\p{L}\\p{N}])";

  private final List<String> terms;

  /** The terms as matched: longest first, so a term beats a shorter one that it contains. */
  private final List<String> longestFirst;

  /** Group i + 1 of this pattern matches the variants of {@code longestFirst.get(i)}. */
  private final Pattern variants;

  private KeyTermNormalizer(List<String> terms) {
    this.terms = List.copyOf(terms);
    this.longestFirst =
        terms.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    this.variants = terms.isEmpty() ? null : compile(longestFirst);
  }

  /**
   * Parses comma-separated key terms; blank entries, entries shorter than {@value #MIN_TERM_CHARS}
   * characters and case-insensitive repeats are dropped (the first spelling wins). A null or blank
   * prompt gives a normalizer that changes nothing.
   */
  public static KeyTermNormalizer of(String commaSeparatedTerms) {
    Map<String, String> byFolded = new LinkedHashMap<>();
    if (commaSeparatedTerms != null) {
      for (String entry : commaSeparatedTerms.split(",")) {
        String term = entry.strip();
        if (term.length() >= MIN_TERM_CHARS && hasLetterOrDigit(term)) {
          byFolded.putIfAbsent(term.toLowerCase(Locale.ROOT), term);
        }
      }
    }
    return new KeyTermNormalizer(new ArrayList<>(byFolded.values()));
  }

  /** The canonical terms, in the order given. */
  public List<String> terms() {
    return terms;
  }

  /** The terms as a transcription prompt ("A, B, C"); empty when there are none. */
  public String prompt() {
    return String.join(", ", terms);
  }

  /** Returns {@code transcript} with every variant of a key term replaced by the term. */
  public String normalize(String transcript) {
    if (variants == null || transcript == null || transcript.isEmpty()) {
      return transcript;
    }
    return variants.matcher(transcript).replaceAll(this::canonical);
  }

  private String canonical(MatchResult match) {
    for (int group = 1; group <= match.groupCount(); group++) {
      if (match.start(group) >= 0) {
        return Matcher.quoteReplacement(longestFirst.get(group - 1));
      }
    }
    return Matcher.quoteReplacement(match.group());
  }

  private static Pattern compile(List<String> longestFirst) {
    StringBuilder regex = new StringBuilder(NOT_WORD_BEFORE).append("(?:");
    for (int i = 0; i < longestFirst.size(); i++) {
      regex.append(i == 0 ? "" : "|").append('(').append(variantRegex(longestFirst.get(i)));
      regex.append(')');
    }
    regex.append(')').append(NOT_WORD_AFTER);
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  private static String variantRegex(String term) {
    List<String> parts = new ArrayList<>();
    for (String part : PART_BREAK.split(term)) {
      if (!part.isEmpty()) {
        parts.add(accentTolerant(part));
      }
    }
    return String.join(SEPARATOR, parts);
  }

  /**
   * The part as a regex in which an accented letter also matches its letter without the accent
   * ("Café" matches "cafe"), since transcripts and typists drop accents far more often than they
   * add them.
   */
  private static String accentTolerant(String part) {
    StringBuilder regex = new StringBuilder();
    part.codePoints().forEach(codePoint -> {
      String letter = Character.toString(codePoint);
      String bare = Normalizer.normalize(letter, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
      regex.append(bare.isEmpty() || bare.equals(letter)
          ? Pattern.quote(letter)
          : "(?:" + Pattern.quote(letter) + "|" + Pattern.quote(bare) + ")");
    });
    return regex.toString();
  }

  private static boolean hasLetterOrDigit(String term) {
    return term.codePoints().anyMatch(Character::isLetterOrDigit);
  }
}
