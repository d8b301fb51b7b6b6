package dev.itk.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.itk.runner.AdapterSession.SignItem;
import dev.itk.runner.internal.LineProtocolSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code signBatch} through the process runner against {@code fake_adapter.py}: one command per
 * batch, answers in the items' order, a refused item errored in place, the per-item fallback for an
 * adapter that does not know the command, and the breaches of the answers' shape.
 */
class SignBatchTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final LineProtocolSession.Limits SHORT =
      new LineProtocolSession.Limits(
          Duration.ofSeconds(5),
          Duration.ofSeconds(5),
          Duration.ofSeconds(5),
          Duration.ofSeconds(2));

  /** Two signed items around one the fake adapter refuses (it has no path). */
  private static final List<SignItem> ITEMS =
      List.of(item("a", "/api/v1/issues"), item("b", null), item("c", "/api/v1/notes"));

  /** What the fake adapter answers for {@link #ITEMS}, written out by hand. */
  private static final List<Answer> EXPECTED =
      List.of(
          new Answer.Result(JSON.createObjectNode().put("signature", "sig:/api/v1/issues")),
          new Answer.Errored("no path", ""),
          new Answer.Result(JSON.createObjectNode().put("signature", "sig:/api/v1/notes")));

  private final List<String> transcript = Collections.synchronizedList(new ArrayList<>());
  private final ProcessRunner runner = new ProcessRunner(SHORT, transcript::add);

  private static SignItem item(String id, String path) {
    ObjectNode input = JSON.createObjectNode().put("method", "GET");
    if (path != null) {
      input.put("path", path);
    }
    return new SignItem(id, input);
  }

  private long sent(String cmd) {
    return transcript.stream()
        .filter(l -> l.contains(" > ") && l.contains("\"cmd\":\"" + cmd + "\""))
        .count();
  }

  @Test
  void batch_isOneCommand_answeredInTheItemsOrder_withARefusedItemErroredInPlace() {
    try (AdapterSession s = runner.open(FakeAdapters.manifest("batch"))) {
      assertThat(s.signBatch(ITEMS)).isEqualTo(EXPECTED);
      assertThat(s.signBatch(ITEMS.subList(1, 3))).isEqualTo(EXPECTED.subList(1, 3));
    }
    assertThat(sent("signBatch")).isEqualTo(2);
    assertThat(sent("sign")).isZero();
  }

  @Test
  void unknownCommand_fallsBackToOneSignPerItem_withTheSameAnswers_andNeverAsksAgain() {
    try (AdapterSession s = runner.open(FakeAdapters.manifest("no-batch"))) {
      assertThat(s.signBatch(ITEMS)).isEqualTo(EXPECTED);
      assertThat(s.signBatch(ITEMS)).isEqualTo(EXPECTED);
    }
    assertThat(sent("signBatch")).isEqualTo(1);
    assertThat(sent("sign")).isEqualTo(2L * ITEMS.size());
  }

  @Test
  void emptyBatch_sendsNothing() {
    try (AdapterSession s = runner.open(FakeAdapters.manifest("batch"))) {
      assertThat(s.signBatch(List.of())).isEmpty();
    }
    assertThat(sent("signBatch")).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "batch-short | with 2 answers for 3 items; exactly one per item, in the items' order",
        "batch-not-array | answered signBatch (seq 1) without an answers array",
        "batch-two-kinds | with answers[0] (item a) not holding exactly one of result/errored",
      })
  void malformedAnswers_breakTheAdapter_namingTheRule(String mode, String message) {
    try (AdapterSession s = runner.open(FakeAdapters.manifest(mode))) {
      assertThatThrownBy(() -> s.signBatch(ITEMS))
          .isInstanceOf(BrokenHarnessException.class)
          .hasMessageStartingWith("process:fake: the adapter ")
          .hasMessageContaining(message);
      assertThatThrownBy(() -> s.signBatch(ITEMS))
          .isInstanceOf(BrokenHarnessException.class)
          .hasMessageContaining("the adapter is broken; nothing more is sent");
    }
  }

  @Test
  void wholeBatchErrored_afterAnsweringOne_breaksTheAdapter() {
    try (AdapterSession s = runner.open(FakeAdapters.manifest("batch-errored-later"))) {
      assertThat(s.signBatch(ITEMS)).isEqualTo(EXPECTED);
      assertThatThrownBy(() -> s.signBatch(ITEMS))
          .isInstanceOf(BrokenHarnessException.class)
          .hasMessageContaining(
              "answered signBatch (seq 2) with errored (no path) after answering an earlier"
                  + " signBatch");
    }
  }
}
