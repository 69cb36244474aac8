package io.echojobs.echo.providers.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces personal data in a transcript with tokens, locally and deterministically: e-mail
 * addresses with {@value #EMAIL}, IBANs with {@value #IBAN}, payment card numbers with {@value
 * #CARD} and phone numbers with {@value #PHONE}.
 *
 * <p>Precision comes from checksums and shapes rather than from digits alone:
 *
 * <ul>
 *   <li>an IBAN is redacted only when it has its country's registered length (ISO 13616) and passes
 *       the mod-97 check; spaces and dashes between its characters are allowed. One of the right
 *       shape with a wrong checksum is left whole: its digits are not taken for a card or phone;
 *   <li>a card number is 13 to 19 digits, in one piece or grouped as printed on cards (fours, or
 *       4-6-5) by single spaces or dashes, that passes the Luhn check;
 *   <li>a phone number is international ({@code +} or {@code 00}, 8 to 15 digits), national with a
 *       trunk {@code 0} (9 to 11 digits, such as {@code 06-12345678} or {@code (020) 123 4567}), or
 *       North American ({@code (212) 555-0123}). Dates, years, times, amounts and numbers without a
 *       phone's shape are left alone.
 * </ul>
 *
 * <p>Known limits: addresses and numbers spoken as words ("john at example dot com") are not found;
 * an order number shaped exactly like a national phone number is redacted, and so, one time in ten,
 * are four four-digit numbers in a row that start with 3 to 6. Stateless and thread-safe.
 */
public final class PiiRedactor {

  public static final String EMAIL = "[EMAIL]";
  public static final String PHONE = "[PHONE]";
  public static final String IBAN = "[IBAN]";
  public static final String CARD = "[CARD]";

  static final int CARD_MIN_DIGITS = 13;
  static final int CARD_MAX_DIGITS = 19;
  static final int MASTERCARD_2_SERIES_FIRST = 2221;
  static final int MASTERCARD_2_SERIES_LAST = 2720;
  static final int INTERNATIONAL_MIN_DIGITS = 8;
  static final int INTERNATIONAL_MAX_DIGITS = 15;
  static final int NATIONAL_MIN_DIGITS = 9;
  static final int NATIONAL_MAX_DIGITS = 11;

  /**
   * The most digit groups one card or phone number spans ("+31 6 12 34 56 78"); it also keeps a
   * long list of numbers from costing quadratic time.
   */
  static final int MAX_GROUPS = 8;

  /**
   * Digit groups read as one run at most: a bounded repetition keeps the regex engine's recursion
   * shallow on long lists of numbers (an unbounded one overflows the stack).
   */
  private static final int RUN_GROUPS = 32;

  private static final Pattern EMAIL_ADDRESS =
      Pattern.compile(
          "(?<![\\w.%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+){0,8}\\.[A-Za-z]{2,}"
              + "(?![\\w-])");
  private static final Pattern IBAN_CANDIDATE =
      Pattern.compile("(?<![A-Za-z0-9])[A-Za-z]{2}\\d{2}(?:[ -]?[A-Za-z0-9]){11,32}");
  private static final Pattern DIGIT_RUN =
      Pattern.compile("(?<![\\w.,/+-])\\d+(?:[ -]\\d+){0," + RUN_GROUPS + "}(?![\\w/]|[.,]\\d)");
  private static final Pattern DIGITS = Pattern.compile("\\d+");

  /**
   * How card numbers are written: in one piece, in groups of four (the last may be shorter), or
   * 4-6-5 and 4-6-4 (American Express, Diners). Any other grouping is a list of numbers, whose
   * digits pass the Luhn check one time in ten.
   */
  private static final Pattern CARD_GROUPING =
      Pattern.compile(
          "\\d+|\\d{4}(?:[ -]\\d{4}){1,3}(?:[ -]\\d{1,4})?|\\d{4}[ -]\\d{6}[ -]\\d{4,5}");

  private static final Pattern PHONE_RUN =
      Pattern.compile("(?<![\\w#/.,@+(-])(?:\\+|\\(\\+?)?\\d[\\d().\\- ]*\\d\\)?");
  private static final Pattern NON_SPACE = Pattern.compile("\\S+");
  private static final Pattern NORTH_AMERICAN =
      Pattern.compile("(?:\\([2-9][0-8]\\d\\) ?|[2-9][0-8]\\d[ .-]?)[2-9]\\d{2}[ .-]\\d{4}");

  /** Private-use characters: they cannot occur in a transcript and are neither digit nor word. */
  private static final char SHELF_MARK = '\uE000';

  private static final char SHELF_INDEX_BASE = '\uE100';

  /** Past this many wrong-checksum IBANs in one text, their digits are left to later passes. */
  private static final int MAX_SHELVED = 0x1000;

  private static final Pattern DATE =
      Pattern.compile("\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4}|\\d{4}[./-]\\d{1,2}[./-]\\d{1,2}");

  /** Returns {@code text} with every e-mail address, IBAN, card and phone number replaced. */
  public String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    if (text.indexOf(SHELF_MARK) >= 0) {
      // The mark is a private-use character no speech-to-text emits; keep it unambiguous.
      text = text.replace(SHELF_MARK, '\uFFFD');
    }
    String redacted = EMAIL_ADDRESS.matcher(text).replaceAll(Matcher.quoteReplacement(EMAIL));
    List<String> shelved = new ArrayList<>();
    redacted = redactIbans(redacted, shelved);
    redacted = redactGroups(redacted, DIGIT_RUN, DIGITS, PiiRedactor::isCardNumber, CARD);
    redacted = redactGroups(redacted, PHONE_RUN, NON_SPACE, PiiRedactor::isPhoneNumber, PHONE);
    return unshelve(redacted, shelved);
  }

  /**
   * Scans IBAN candidates; a candidate is cut to its country's registered length before the check,
   * so words that happen to follow an IBAN are not part of it. A valid IBAN becomes {@value #IBAN}.
   * One with the right shape but a wrong checksum is not personal data: it is shelved (swapped for
   * a placeholder without digits) so that its digits are not taken for a card or phone number, and
   * put back at the end.
   */
  private static String redactIbans(String text, List<String> shelved) {
    Matcher candidate = IBAN_CANDIDATE.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    int copied = 0;
    int from = 0;
    while (from < text.length() && candidate.find(from)) {
      int end = ibanShapeEnd(text, candidate.start(), candidate.end());
      if (end < 0) {
        from = candidate.start() + 1;
        continue;
      }
      String iban = text.substring(candidate.start(), end);
      boolean valid = Checksums.isValidIban(iban.replaceAll("[^A-Za-z0-9]", ""));
      out.append(text, copied, candidate.start()).append(valid ? IBAN : shelf(iban, shelved));
      copied = end;
      from = end;
    }
    return out.append(text, copied, text.length()).toString();
  }

  /**
   * The end index of an IBAN-shaped text starting at {@code start} (registered length for a known
   * country, 15 to 34 characters otherwise, standing alone as a word), or -1.
   */
  private static int ibanShapeEnd(String text, int start, int candidateEnd) {
    String country = text.substring(start, start + 2).toUpperCase(Locale.ROOT);
    int wanted = Checksums.ibanLength(country);
    int length = 0;
    int end = start;
    for (int i = start; i < candidateEnd && (wanted == 0 || length < wanted); i++) {
      if (Character.isLetterOrDigit(text.charAt(i))) {
        length++;
        end = i + 1;
      }
    }
    boolean complete = wanted == 0 || length == wanted;
    boolean standsAlone = end == text.length() || !Character.isLetterOrDigit(text.charAt(end));
    return complete && standsAlone ? end : -1;
  }

  private static String shelf(String text, List<String> shelved) {
    if (shelved.size() >= MAX_SHELVED) {
      return text;
    }
    shelved.add(text);
    return String.valueOf(SHELF_MARK) + (char) (SHELF_INDEX_BASE + shelved.size() - 1);
  }

  private static String unshelve(String text, List<String> shelved) {
    if (shelved.isEmpty()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == SHELF_MARK && i + 1 < text.length()) {
        out.append(shelved.get(text.charAt(++i) - SHELF_INDEX_BASE));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * Within each run matched by {@code run}, looks for the longest stretch of at most {@value
   * #MAX_GROUPS} consecutive groups (matched by {@code group}) that {@code accepts}, from the
   * leftmost group on, and replaces each stretch found with {@code token}.
   */
  private static String redactGroups(
      String text, Pattern run, Pattern group, Predicate<String> accepts, String token) {
    Matcher runs = run.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    int copied = 0;
    while (runs.find()) {
      List<int[]> groups = new ArrayList<>();
      Matcher groupMatcher = group.matcher(text).region(runs.start(), runs.end());
      while (groupMatcher.find()) {
        groups.add(new int[] {groupMatcher.start(), groupMatcher.end()});
      }
      int first = 0;
      while (first < groups.size()) {
        int last = longestAccepted(text, groups, first, accepts);
        if (last < 0) {
          first++;
          continue;
        }
        out.append(text, copied, groups.get(first)[0]).append(token);
        copied = groups.get(last)[1];
        first = last + 1;
      }
    }
    return out.append(text, copied, text.length()).toString();
  }

  private static int longestAccepted(
      String text, List<int[]> groups, int first, Predicate<String> accepts) {
    for (int last = Math.min(groups.size(), first + MAX_GROUPS) - 1; last >= first; last--) {
      if (accepts.test(text.substring(groups.get(first)[0], groups.get(last)[1]))) {
        return last;
      }
    }
    return -1;
  }

  static boolean isCardNumber(String candidate) {
    String digits = candidate.replaceAll("[ -]", "");
    return digits.length() >= CARD_MIN_DIGITS
        && digits.length() <= CARD_MAX_DIGITS
        && CARD_GROUPING.matcher(candidate).matches()
        && hasCardIssuerPrefix(digits)
        && Checksums.isValidLuhn(digits);
  }

  /**
   * Payment cards start with 3 to 6, or with 2221 to 2720 (Mastercard's 2-series); lists of years
   * and of other numbers mostly do not.
   */
  private static boolean hasCardIssuerPrefix(String digits) {
    char first = digits.charAt(0);
    if (first >= '3' && first <= '6') {
      return true;
    }
    int prefix = Integer.parseInt(digits.substring(0, 4));
    return prefix >= MASTERCARD_2_SERIES_FIRST && prefix <= MASTERCARD_2_SERIES_LAST;
  }

  static boolean isPhoneNumber(String candidate) {
    String digits = candidate.replaceAll("\\D", "");
    String bare = candidate.startsWith("(") ? candidate.substring(1) : candidate;
    if (bare.startsWith("+")) {
      return digits.length() >= INTERNATIONAL_MIN_DIGITS
          && digits.length() <= INTERNATIONAL_MAX_DIGITS
          && digits.charAt(0) != '0';
    }
    if (bare.startsWith("00")) {
      // International prefix written as digits: only with separators, to spare plain numbers.
      int significant = digits.length() - 2;
      return !candidate.matches("\\d+")
          && digits.charAt(2) != '0'
          && significant >= INTERNATIONAL_MIN_DIGITS
          && significant <= INTERNATIONAL_MAX_DIGITS;
    }
    if (bare.startsWith("0")) {
      return digits.length() >= NATIONAL_MIN_DIGITS
          && digits.length() <= NATIONAL_MAX_DIGITS
          && !DATE.matcher(candidate).find();
    }
    return NORTH_AMERICAN.matcher(candidate).matches();
  }
}
