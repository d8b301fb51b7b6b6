package dev.itk.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InputGeneratorTest {
  @Test
  void theReferenceSignsEveryGeneratedInput() {
    List<String> refused = new ArrayList<>();
    for (long seed = 1; seed <= 3; seed++) {
      InputGenerator g = new InputGenerator(seed);
      for (long i = 0; i < 5_000; i++) {
        FuzzInput in = g.input(i);
        try {
          Reference.sign(in);
        } catch (IllegalArgumentException e) {
          refused.add("seed " + seed + " input " + i + ": " + e.getMessage());
        }
      }
    }
    assertThat(refused).isEmpty();
  }
}
