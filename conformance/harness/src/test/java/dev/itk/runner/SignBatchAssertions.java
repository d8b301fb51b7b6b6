package dev.itk.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.itk.runner.AdapterSession.SignItem;
import java.util.List;

/** Compares a session's {@code signBatch} answers with its {@code sign} answers, item by item. */
public final class SignBatchAssertions {
  private SignBatchAssertions() {}

  /**
   * Asserts that {@code session.signBatch(items)} answers each item as {@code session.sign} does:
   * the same result, or errored with the same message (a stack trace differs with the call path).
   */
  public static void answersAsSignDoes(AdapterSession session, List<SignItem> items) {
    List<Answer> batch = session.signBatch(items);
    assertThat(batch).as("one answer per item").hasSameSizeAs(items);
    for (int i = 0; i < items.size(); i++) {
      SignItem item = items.get(i);
      assertThat(comparable(batch.get(i)))
          .as("signBatch's answer for %s, item %d", item.id(), i)
          .isEqualTo(comparable(session.sign(item.id(), item.input())));
    }
  }

  private static Answer comparable(Answer a) {
    return a instanceof Answer.Errored e ? new Answer.Errored(e.message(), "") : a;
  }
}
