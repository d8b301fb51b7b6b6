package dev.itk.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.itk.signing.ApiKey;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The diagnosis against {@code fixtures/diagnosis/cases.json}, whose requests were signed with each
 * catalogued mistake (alone and in pairs) by the independent Python generator: the right ids, no
 * others, and nothing for correctly signed or wrong-key requests.
 */
class DiagnoserTest {
  static List<DiagnosisCases.Case> cases() {
    return DiagnosisCases.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void namesExactlyTheCausesTheClientHad(DiagnosisCases.Case c) {
    Diagnosis d =
        new Diagnoser(ApiKey.of(c.key()), DiagnosisCases.window())
            .diagnose(c.received(), c.now(), c.seenRequestIds());

    Set<String> ids =
        d.causes().stream().map(Cause::id).collect(Collectors.toCollection(TreeSet::new));
    assertThat(ids)
        .as("%s: %s (mistakes %s)", c.id(), c.comment(), c.mistakes())
        .isEqualTo(c.causes());
    assertThat(d.valid()).isEqualTo(c.valid());
    assertThat(d.code()).isEqualTo(c.code());
    if (!c.valid()) {
      assertThat(d.serverMessage()).as("the server's message is always given").isNotBlank();
    }
  }

  @Test
  void theCasesCoverEveryCatalogueEntry_aloneAndInPairs() {
    Set<String> alone = new TreeSet<>();
    Set<String> paired = new TreeSet<>();
    long valid = 0;
    for (DiagnosisCases.Case c : cases()) {
      if (c.causes().size() == 1) {
        alone.addAll(c.causes());
      } else if (c.causes().size() == 2) {
        paired.addAll(c.causes());
      } else if (c.valid()) {
        valid++;
      }
    }
    Set<String> all =
        Arrays.stream(Mistake.values())
            .map(Mistake::id)
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(alone).as("every id alone").isEqualTo(all);
    assertThat(paired.size()).as("ids seen in pairs").isGreaterThanOrEqualTo(15);
    assertThat(valid).as("correctly signed cases (negatives)").isGreaterThanOrEqualTo(10);
  }

  @Test
  void everyCatalogueEntry_hasAnExplanationAndAFix() {
    for (Mistake m : Mistake.values()) {
      assertThat(m.id()).matches("[a-z0-9]+(-[a-z0-9]+)*");
      assertThat(m.explanation()).isNotBlank();
      assertThat(m.fix()).isNotBlank();
      assertThat(Mistake.byId(m.id())).contains(m);
    }
  }
}
