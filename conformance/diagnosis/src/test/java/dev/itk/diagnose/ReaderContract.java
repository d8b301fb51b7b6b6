package dev.itk.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Supplier;

/**
 * What every capture reader promises on any input: a request, or an {@link
 * IllegalArgumentException} whose message names the source; never another exception.
 */
final class ReaderContract {
  static final String SOURCE = "fuzz-input";

  private ReaderContract() {}

  static void readsOrNamesTheProblem(Supplier<CapturedRequest> read) {
    CapturedRequest request;
    try {
      request = read.get();
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).as("the message of %s", e).isNotBlank().contains(SOURCE);
      return;
    }
    assertThat(request).isNotNull();
    assertThat(request.method()).isNotEmpty();
    // What was read names where it came from, as a refusal does (HAR: "... entry 0").
    assertThat(request.source()).startsWith(SOURCE);
  }
}
