package dev.itk.runner;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/** An adapter's answer to one command: a result, a deliberate skip, or an error. */
public sealed interface Answer {
  /** The command succeeded; the value's shape depends on the command. */
  record Result(JsonNode value) implements Answer {
    public Result {
      Objects.requireNonNull(value, "value");
    }
  }

  /** The implementation deliberately does not do this. */
  record Skipped(String reason) implements Answer {
    public Skipped {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** The implementation tried and failed; {@code stderr} may be empty. */
  record Errored(String message, String stderr) implements Answer {
    public Errored {
      Objects.requireNonNull(message, "message");
      stderr = stderr == null ? "" : stderr;
    }
  }
}
