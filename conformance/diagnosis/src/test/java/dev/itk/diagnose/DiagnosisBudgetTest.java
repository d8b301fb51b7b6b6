package dev.itk.diagnose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The budget's rules, and the promise of its server preset: 8 MiB plus 4 times the message. */
class DiagnosisBudgetTest {
  @Test
  void budget_refusesANegativeFixedPart() {
    assertThatThrownBy(() -> new DiagnosisBudget(-1, 4, 64, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("fixedHashedBytes must be at least 0; got -1");
  }

  @Test
  void budget_refusesLessThanTheSignatureCheckPerMessageByte() {
    assertThatThrownBy(() -> new DiagnosisBudget(1024, 0, 64, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "hashedBytesPerMessageByte must be at least 1 (the diagnosis hashes the message once to"
                + " check the signature); got 0");
  }

  @Test
  void budget_refusesANegativeNumberOfLargeBodyVariants() {
    assertThatThrownBy(() -> new DiagnosisBudget(1024, 4, -1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("largeBodyVariants must be at least 0; got -1");
  }

  @Test
  void budget_refusesANegativeRenderedLength() {
    assertThatThrownBy(() -> new DiagnosisBudget(1024, 4, 64, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("renderedMessageBytes must be at least 0; got -1");
  }

  @Test
  void server_allows8MiBPlus4TimesTheMessage() {
    assertThat(DiagnosisBudget.SERVER.maxHashedBytes(1000)).isEqualTo(8_388_608L + 4_000);
    assertThat(DiagnosisBudget.SERVER.maxHashedBytes(9L << 20)).isEqualTo(8_388_608L + 37_748_736);
    assertThat(DiagnosisBudget.SERVER.largeBodyVariants()).isEqualTo(64);
    assertThat(DiagnosisBudget.SERVER.renderedMessageBytes()).isEqualTo(65_536);
  }

  @Test
  void maxHashedBytes_saturatesInsteadOfOverflowing() {
    assertThat(DiagnosisBudget.OFFLINE.maxHashedBytes(1L << 40)).isEqualTo(Long.MAX_VALUE);
    assertThat(new DiagnosisBudget(0, Integer.MAX_VALUE, 1, 0).maxHashedBytes(Long.MAX_VALUE / 2))
        .isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void diagnosis_carriesALimitExactlyWhenCutShort() {
    assertThatThrownBy(() -> new Diagnosis(false, "bad-signature", List.of(), "m", true, "x", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "limit must be given exactly when the diagnosis is not complete; got complete=true,"
                + " limit=x");
    assertThatThrownBy(() -> new Diagnosis(false, "bad-signature", List.of(), "m", false, null, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "limit must be given exactly when the diagnosis is not complete; got complete=false,"
                + " limit=null");
  }
}
