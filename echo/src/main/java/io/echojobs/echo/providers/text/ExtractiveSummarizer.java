package io.echojobs.echo.providers.text;

import io.echojobs.echo.providers.Summarizer;
import io.echojobs.echo.providers.SummaryRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The offline {@link Summarizer}: picks the transcript's most representative sentences and returns
 * them in their original order.
 *
 * <p>How: the transcript is split into sentences (at {@code . ! ?} followed by white space, and at
 * line breaks, which separate chunk transcripts); repeated sentences are kept once. Words are
 * counted over the whole transcript, stop words of the project language left out, and each word's
 * weight is its count divided by the highest count, plus {@value #GUIDANCE_BONUS} for words that
 * occur in the project's guidance. A sentence scores the sum of the weights of its distinct words
 * divided by the square root of its word count, so it gains by covering frequent words but not
 * merely by being long. Sentences with fewer than {@value #MIN_CONTENT_WORDS} content words ("Yes,
 * okay.") are only picked when no other sentence exists. Ties go to the earlier sentence, so the
 * result is deterministic.
 *
 * <p>An empty transcript yields {@link Summarizer#NO_TRANSCRIPT}. Abbreviations such as "e.g." end
 * a sentence early; acceptable for a summary that quotes rather than rewrites. Stateless and
 * thread-safe.
 */
public final class ExtractiveSummarizer implements Summarizer {

  public static final int DEFAULT_MAX_SENTENCES = 5;

  /** A longer picked sentence (an unpunctuated transcript) is cut at a word boundary. */
  public static final int MAX_SENTENCE_CHARS = 400;

  static final int MIN_CONTENT_WORDS = 2;

  /** Added to the weight of a word that occurs in the guidance: as much as the top word has. */
  static final double GUIDANCE_BONUS = 1.0;

  private static final Pattern SENTENCE_BREAK = Pattern.compile("(?<=[.!?…])\\s+|\\R+");
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'’-]*");
  private static final Pattern ENDS_SENTENCE = Pattern.compile(".*[.!?…]$");

  private final int maxSentences;

  /** A summarizer picking up to {@link #DEFAULT_MAX_SENTENCES} sentences. */
  public ExtractiveSummarizer() {
    this(DEFAULT_MAX_SENTENCES);
  }

  public ExtractiveSummarizer(int maxSentences) {
    if (maxSentences < 1) {
      throw new IllegalArgumentException("maxSentences: " + maxSentences + " is below 1");
    }
    this.maxSentences = maxSentences;
  }

  @Override
  public String summarize(SummaryRequest request) {
    List<String> sentences = sentences(request.transcript());
    if (sentences.isEmpty()) {
      return NO_TRANSCRIPT;
    }
    Set<String> stopWords = StopWords.forLanguage(request.language());
    List<List<String>> words = sentences.stream().map(s -> contentWords(s, stopWords)).toList();
    Map<String, Double> weights = weights(words, contentWords(request.guidance(), stopWords));
    double[] scores = words.stream().mapToDouble(w -> score(w, weights)).toArray();
    List<Integer> picked = pick(words, scores);
    return String.join(" ", picked.stream().map(i -> presentable(sentences.get(i))).toList());
  }

  private static List<String> sentences(String transcript) {
    Set<String> seen = new HashSet<>();
    List<String> sentences = new ArrayList<>();
    for (String part : SENTENCE_BREAK.split(transcript)) {
      String sentence = part.strip();
      if (!sentence.isEmpty() && seen.add(sentence.toLowerCase(Locale.ROOT))) {
        sentences.add(sentence);
      }
    }
    return sentences;
  }

  private static List<String> contentWords(String text, Set<String> stopWords) {
    List<String> words = new ArrayList<>();
    Matcher matcher = WORD.matcher(text);
    while (matcher.find()) {
      String word = matcher.group().toLowerCase(Locale.ROOT).replace('’', '\'');
      boolean number = word.chars().allMatch(Character::isDigit);
      if (word.length() > 1 && !number && !stopWords.contains(word)) {
        words.add(word);
      }
    }
    return words;
  }

  private static Map<String, Double> weights(List<List<String>> words, List<String> guidance) {
    Map<String, Integer> counts = new HashMap<>();
    words.forEach(sentence -> sentence.forEach(word -> counts.merge(word, 1, Integer::sum)));
    int highest = counts.values().stream().mapToInt(Integer::intValue).max().orElse(1);
    Set<String> guided = new HashSet<>(guidance);
    Map<String, Double> weights = new HashMap<>();
    counts.forEach(
        (word, count) -> {
          double bonus = guided.contains(word) ? GUIDANCE_BONUS : 0.0;
          weights.put(word, (double) count / highest + bonus);
        });
    return weights;
  }

  private static double score(List<String> words, Map<String, Double> weights) {
    if (words.isEmpty()) {
      return 0;
    }
    double covered = new LinkedHashSet<>(words).stream().mapToDouble(weights::get).sum();
    return covered / Math.sqrt(words.size());
  }

  /** The indices of the chosen sentences, in transcript order. */
  private List<Integer> pick(List<List<String>> words, double[] scores) {
    boolean anyLong = words.stream().anyMatch(w -> w.size() >= MIN_CONTENT_WORDS);
    int minimum = anyLong ? MIN_CONTENT_WORDS : 0;
    return IntStream.range(0, words.size())
        .filter(i -> words.get(i).size() >= minimum)
        .boxed()
        .sorted(Comparator.comparingDouble((Integer i) -> -scores[i]).thenComparing(i -> i))
        .limit(maxSentences)
        .sorted()
        .toList();
  }

  private static String presentable(String sentence) {
    String text = sentence;
    if (text.length() > MAX_SENTENCE_CHARS) {
      int cut = text.lastIndexOf(' ', MAX_SENTENCE_CHARS);
      text = text.substring(0, cut > 0 ? cut : MAX_SENTENCE_CHARS) + "…";
    }
    return ENDS_SENTENCE.matcher(text).matches() ? text : text + ".";
  }
}
