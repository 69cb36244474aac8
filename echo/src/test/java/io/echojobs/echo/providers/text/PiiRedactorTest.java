package io.echojobs.echo.providers.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PiiRedactorTest {

  private final PiiRedactor redactor = new PiiRedactor();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "NL91ABNA0417164300",
        "NL91 ABNA 0417 1643 00",
        "nl91 abna 0417 1643 00",
        "DE89 3704 0044 0532 0130 00",
        "GB82 WEST 1234 5698 7654 32",
        "BE68 5390 0754 7034"
      })
  void anIbanWithAValidChecksumIsRedacted(String iban) {
    assertThat(redactor.redact("Pay to " + iban + " please.")).isEqualTo("Pay to [IBAN] please.");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"NL91 ABNA 0417 1643 01", "DE89 3704 0044 0532 0130 01", "NL91ABNA04171643"})
  void anIbanWithAWrongChecksumOrLengthIsLeftAlone(String notAnIban) {
    String text = "Reference " + notAnIban + " here.";

    assertThat(redactor.redact(text)).isEqualTo(text);
  }

  @Test
  void wordsAfterAnIbanAreNotTakenForPartOfIt() {
    assertThat(redactor.redact("Belgian account BE68 5390 0754 7034 with Jan."))
        .isEqualTo("Belgian account [IBAN] with Jan.");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "4111 1111 1111 1111",
        "4111-1111-1111-1111",
        "4111111111111111",
        "5500 0000 0000 0004",
        "3782 822463 10005",
        "2223 0031 2200 3222"
      })
  void aCardNumberWithAValidLuhnCheckIsRedacted(String card) {
    assertThat(redactor.redact("My card is " + card + ", thanks."))
        .isEqualTo("My card is [CARD], thanks.");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "4111 1111 1111 1112",
        "5500 0000 0000 0005",
        "1004 1005 1006 1007",
        "9000 0000 0000 0001",
        "41 11 11 11 11 11 11 11"
      })
  void aCardNumberFailingTheLuhnCheckIsLeftAlone(String notACard) {
    String text = "Number " + notACard + " was read out.";

    assertThat(redactor.redact(text)).isEqualTo(text);
  }

  @Test
  void aCardAfterAYearIsStillFound() {
    assertThat(redactor.redact("In 2024 4111 1111 1111 1111 was charged."))
        .isEqualTo("In 2024 [CARD] was charged.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"jan.jansen@example.nl", "a+b@sub.example.co.uk", "X_Y%z@mail-host.org"})
  void anEmailAddressIsRedacted(String address) {
    assertThat(redactor.redact("Write to " + address + " today."))
        .isEqualTo("Write to [EMAIL] today.");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "+31 6 12345678",
        "+31612345678",
        "+31 (0)20 123 4567",
        "+44 20 7946 0958",
        "+1 (212) 555-0123",
        "0031 6 1234 5678",
        "06-12345678",
        "0612345678",
        "020 123 4567",
        "(020) 123 4567",
        "030-2345678",
        "(212) 555-0123",
        "415-555-0199"
      })
  void aPhoneNumberIsRedacted(String phone) {
    assertThat(redactor.redact("Call me on " + phone + " tomorrow."))
        .isEqualTo("Call me on [PHONE] tomorrow.");
  }

  @Test
  void aPhoneNumberFollowedByAnotherNumberIsStillFound() {
    assertThat(redactor.redact("Call 06 12345678 10 times.")).isEqualTo("Call [PHONE] 10 times.");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "It happened in 2024 and 2025.",
        "We met on 12-03-2024 at 10:30.",
        "We met on 01-02-2024 10 people came.",
        "The plan runs 2023-2024.",
        "Dates 2024-01-15 and 15.01.2024 and 15/01/2024.",
        "Order 12345678 and order number 123456789012 shipped.",
        "Invoice #0012345678 is paid.",
        "It cost 1.000.000 euro, or 1,250,000.50 dollars.",
        "Version 2.3.1 from 1990 to 2020, page 42.",
        "Postcode 1012 AB, house 221.",
        "Between 10 and 20 percent, 3 4 5 6 7 8 9 10 votes."
      })
  void datesYearsAmountsAndOrderNumbersAreLeftAlone(String text) {
    assertThat(redactor.redact(text)).isEqualTo(text);
  }

  @Test
  void aLongListOfNumbersIsLeftAloneButAPhoneAtItsEndIsFound() {
    String numbers =
        String.join(
            " ", java.util.stream.IntStream.range(1, 2000).mapToObj(String::valueOf).toList());

    assertThat(redactor.redact(numbers)).isEqualTo(numbers);
    assertThat(redactor.redact("Votes: 1 2 3 4 5, call 06 1234 5678"))
        .isEqualTo("Votes: 1 2 3 4 5, call [PHONE]");
  }

  @Test
  void everyKindIsRedactedInOneText() {
    String text =
        "Mail jan@example.nl or call +31 6 12345678; pay NL91 ABNA 0417 1643 00"
            + " or card 4111 1111 1111 1111 before 1 May 2025.";

    assertThat(redactor.redact(text))
        .isEqualTo("Mail [EMAIL] or call [PHONE]; pay [IBAN] or card [CARD] before 1 May 2025.");
  }

  @Test
  void emptyAndNullTextArePassedThrough() {
    assertThat(redactor.redact("")).isEmpty();
    assertThat(redactor.redact(null)).isNull();
  }
}
