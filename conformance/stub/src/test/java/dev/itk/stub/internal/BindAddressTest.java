package dev.itk.stub.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Only IP address literals bind; a host name is refused before anything asks DNS. */
class BindAddressTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "127.0.0.1 | true | 127.0.0.1",
        "0.0.0.0 | false | 127.0.0.1",
        "192.168.1.20 | false | 192.168.1.20",
        "255.255.255.255 | false | 255.255.255.255",
        ":: | false | 127.0.0.1",
        "::1 | true | [::1]",
        "fe80::1 | false | [fe80::1]",
        "2001:db8:0:0:0:0:0:1 | false | [2001:db8:0:0:0:0:0:1]",
        "1:2:3:4:5:6:7:: | false | [1:2:3:4:5:6:7::]",
        "::ffff:127.0.0.1 | true | [::ffff:127.0.0.1]"
      })
  void of_acceptsAnIpLiteral(String text, boolean loopback, String urlHost) {
    BindAddress a = BindAddress.of(text);

    assertThat(a.text()).isEqualTo(text);
    assertThat(a.isLoopback()).isEqualTo(loopback);
    assertThat(a.urlHost()).isEqualTo(urlHost);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(
      strings = {
        "localhost",
        "example.com",
        "",
        " 127.0.0.1",
        "127.0.0.1 ",
        "127.1",
        "2130706433",
        "256.0.0.1",
        "01.2.3.4",
        "1.2.3.4.5",
        "[::1]",
        "::1%lo",
        "1::2::3",
        "1:2:3:4:5:6:7:8:9",
        "1:2:3:4:5:6:7",
        "1:2:3:4:5:6:7::8",
        "12345::",
        "::g",
        "::1.2.3",
        "1.2.3.4::"
      })
  void of_refusesAnythingElse_namingTheValue(String text) {
    assertThatThrownBy(() -> BindAddress.of(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the bind address must be an IP address literal such as 127.0.0.1, 0.0.0.0 or ::1"
                + " (no host name, brackets or zone); got \""
                + text
                + "\"");
  }

  @org.junit.jupiter.api.Test
  void of_escapesControlCharacters_andShortensALongValue() {
    assertThatThrownBy(() -> BindAddress.of("127.0.0.1\n"))
        .hasMessageEndingWith("got \"127.0.0.1\\u000a\"");
    assertThatThrownBy(() -> BindAddress.of("a".repeat(100)))
        .hasMessageEndingWith("got \"" + "a".repeat(64) + "...\"");
  }
}
