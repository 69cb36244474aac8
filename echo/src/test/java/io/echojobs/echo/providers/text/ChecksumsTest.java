package io.echojobs.echo.providers.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChecksumsTest {

  @Test
  void ibanMod97AcceptsRegistryExamplesAndRejectsAChangedDigit() {
    assertThat(Checksums.isValidIban("GB82WEST12345698765432")).isTrue();
    assertThat(Checksums.isValidIban("NO9386011117947")).isTrue();
    assertThat(Checksums.isValidIban("GB82WEST12345698765433")).isFalse();
    assertThat(Checksums.isValidIban("GB28WEST12345698765432")).isFalse();
  }

  @Test
  void ibanLengthIsLookedUpPerCountry() {
    assertThat(Checksums.ibanLength("NL")).isEqualTo(18);
    assertThat(Checksums.ibanLength("DE")).isEqualTo(22);
    assertThat(Checksums.ibanLength("ZZ")).isZero();
  }

  @Test
  void luhnAcceptsValidNumbersAndRejectsATransposition() {
    assertThat(Checksums.isValidLuhn("79927398713")).isTrue();
    assertThat(Checksums.isValidLuhn("4111111111111111")).isTrue();
    assertThat(Checksums.isValidLuhn("79927398731")).isFalse();
  }
}
