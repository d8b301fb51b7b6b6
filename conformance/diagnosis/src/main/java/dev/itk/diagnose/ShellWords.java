package dev.itk.diagnose;

import static dev.itk.diagnose.CaptureSyntax.bad;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into words the way a POSIX shell does, without any expansion: single
 * quotes, double quotes with backslash escapes, {@code $'...'} ANSI-C quoting, backslash-newline
 * continuations and {@code #} comments. A word is bytes: {@code $'\xff'} is one byte that is not
 * UTF-8.
 */
final class ShellWords {
  private final String line;
  private final String source;
  private final List<byte[]> words = new ArrayList<>();
  private final ByteArrayOutputStream word = new ByteArrayOutputStream();
  private boolean inWord;
  private int pos;

  private ShellWords(String line, String source) {
    this.line = line;
    this.source = source;
  }

  /**
   * The words of {@code line}, each as UTF-8 bytes: {@code curl -H 'X-A: 1'} is {@code curl},
   * {@code -H} and {@code X-A: 1}.
   *
   * @throws IllegalArgumentException naming the source and the column of an unclosed quote, a bad
   *     escape or a final lone backslash
   */
  static List<byte[]> split(String line, String source) {
    ShellWords s = new ShellWords(line, source);
    s.run();
    return s.words;
  }

  private void run() {
    while (pos < line.length()) {
      char c = line.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        endWord();
        pos++;
      } else if (c == '\\') {
        backslash();
      } else if (c == '\'') {
        singleQuoted();
      } else if (c == '"') {
        pos++;
        doubleQuoted();
      } else if (c == '$' && at(pos + 1) == '\'') {
        pos += 2;
        ansiC();
      } else if (c == '$' && at(pos + 1) == '"') {
        pos++;
        pos++;
        doubleQuoted();
      } else if (c == '#' && !inWord) {
        while (pos < line.length() && line.charAt(pos) != '\n') {
          pos++;
        }
      } else {
        appendCodePoint();
      }
    }
    endWord();
  }

  private char at(int i) {
    return i < line.length() ? line.charAt(i) : '\0';
  }

  private void endWord() {
    if (inWord) {
      words.add(word.toByteArray());
      word.reset();
      inWord = false;
    }
  }

  private void backslash() {
    if (pos + 1 >= line.length()) {
      throw bad(source, "column " + (pos + 1), "the command line ends with a lone backslash");
    }
    char next = line.charAt(pos + 1);
    if (next == '\n') { // a continuation: both characters vanish
      pos += 2;
    } else if (next == '\r' && at(pos + 2) == '\n') {
      pos += 3;
    } else {
      pos++;
      appendCodePoint();
    }
  }

  private void singleQuoted() {
    int start = pos;
    int close = line.indexOf('\'', pos + 1);
    if (close < 0) {
      throw bad(source, "column " + (start + 1), "a single quote is never closed; close it with '");
    }
    append(line.substring(pos + 1, close));
    pos = close + 1;
  }

  private void doubleQuoted() {
    int start = pos - 1;
    inWord = true;
    while (true) {
      if (pos >= line.length()) {
        throw bad(
            source, "column " + (start + 1), "a double quote is never closed; close it with \"");
      }
      char c = line.charAt(pos);
      if (c == '"') {
        pos++;
        return;
      }
      if (c == '\\') {
        char next = at(pos + 1);
        if (next == '\n') {
          pos += 2;
          continue;
        }
        if (next == '$' || next == '`' || next == '"' || next == '\\') {
          pos++;
        }
      }
      appendCodePoint();
    }
  }

  private void ansiC() {
    int start = pos - 2;
    inWord = true;
    while (true) {
      if (pos >= line.length()) {
        throw bad(
            source, "column " + (start + 1), "a $'...' quote is never closed; close it with '");
      }
      char c = line.charAt(pos);
      if (c == '\'') {
        pos++;
        return;
      }
      if (c != '\\') {
        appendCodePoint();
        continue;
      }
      if (pos + 1 >= line.length()) {
        throw bad(
            source, "column " + (start + 1), "a $'...' quote is never closed; close it with '");
      }
      char e = line.charAt(pos + 1);
      pos += 2;
      switch (e) {
        case 'a' -> word.write(0x07);
        case 'b' -> word.write(0x08);
        case 'e', 'E' -> word.write(0x1B);
        case 'f' -> word.write(0x0C);
        case 'n' -> word.write('\n');
        case 'r' -> word.write('\r');
        case 't' -> word.write('\t');
        case 'v' -> word.write(0x0B);
        case '\\', '\'', '"', '?' -> word.write(e);
        case 'x' -> word.write(digits(16, 2, 1, "\\x"));
        case 'u' -> append(Character.toString(digits(16, 4, 1, "\\u")));
        case 'U' -> append(Character.toString(digits(16, 8, 1, "\\U")));
        case 'c' -> {
          word.write(at(pos) & 0x1F);
          pos++;
        }
        case '0', '1', '2', '3', '4', '5', '6', '7' -> {
          pos--;
          word.write(digits(8, 3, 1, "\\NNN") & 0xFF);
        }
        default -> { // bash keeps an unknown escape as it is
          word.write('\\');
          pos--;
          appendCodePoint();
        }
      }
    }
  }

  private int digits(int radix, int max, int min, String escape) {
    int value = 0;
    int n = 0;
    while (n < max && pos < line.length() && Character.digit(line.charAt(pos), radix) >= 0) {
      value = value * radix + Character.digit(line.charAt(pos), radix);
      pos++;
      n++;
    }
    if (n < min || (radix == 16 && max > 2 && !Character.isValidCodePoint(value))) {
      throw bad(
          source,
          "column " + (pos + 1),
          "the "
              + escape
              + " escape in $'...' needs "
              + (radix == 8 ? "octal" : "hex")
              + " digits");
    }
    return value;
  }

  private void appendCodePoint() {
    int cp = line.codePointAt(pos);
    append(Character.toString(cp));
    pos += Character.charCount(cp);
  }

  private void append(String text) {
    word.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    inWord = true;
  }
}
