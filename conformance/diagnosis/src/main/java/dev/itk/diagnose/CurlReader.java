package dev.itk.diagnose;

import static dev.itk.diagnose.CaptureSyntax.abbreviate;
import static dev.itk.diagnose.CaptureSyntax.bad;
import static dev.itk.diagnose.CaptureSyntax.checkedMethod;
import static dev.itk.diagnose.CaptureSyntax.hasHeader;
import static dev.itk.diagnose.CaptureSyntax.isToken;
import static dev.itk.diagnose.CaptureSyntax.trimOws;

import dev.itk.diagnose.CaptureReaders.CurlFiles;
import dev.itk.diagnose.CaptureSyntax.Url;
import dev.itk.signing.HeaderLine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a curl command line, as {@link CaptureReaders#curl(String, String, CurlFiles)} describes:
 * its words split by {@link ShellWords}, then the options that make the request ({@code -X}, {@code
 * -H}, {@code -d} and the other data options, the URL) read as curl reads them.
 */
final class CurlReader {
  private static final long MAX_DATA_FILE_BYTES = 64L * 1024 * 1024;

  private CurlReader() {}

  static CapturedRequest read(String commandLine, String source, CurlFiles files) {
    Objects.requireNonNull(commandLine, "commandLine");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(files, "files");
    List<byte[]> words = ShellWords.split(commandLine, source);
    int i = 0;
    if (!words.isEmpty() && isCurlProgram(utf8(words.get(0)))) {
      i = 1;
    }
    String method = null;
    String url = null;
    List<HeaderLine> headers = new ArrayList<>();
    Set<String> removed = new HashSet<>();
    List<byte[]> data = new ArrayList<>();
    boolean json = false;
    boolean optionsEnded = false;
    for (; i < words.size(); i++) {
      String word = utf8(words.get(i));
      if (optionsEnded || !word.startsWith("-") || word.equals("-")) {
        if (url != null) {
          throw bad(
              source,
              "word \"" + word + "\"",
              "a second URL (the first is \"" + url + "\"); one request is read, with one URL");
        }
        url = word;
        continue;
      }
      if (word.equals("--")) {
        optionsEnded = true;
        continue;
      }
      List<String> options = new ArrayList<>();
      String attached = null;
      if (word.startsWith("--")) {
        options.add(word);
      } else {
        // Short options may be combined (-sS) and the last may take its value attached (-XPOST).
        for (int k = 1; k < word.length(); k++) {
          String option = "-" + word.charAt(k);
          options.add(option);
          if (CurlOption.of(option, source).takesValue && k + 1 < word.length()) {
            attached = word.substring(k + 1);
            break;
          }
        }
      }
      for (String name : options) {
        CurlOption option = CurlOption.of(name, source);
        byte[] value = null;
        if (option.takesValue) {
          if (attached != null) {
            value = attached.getBytes(StandardCharsets.UTF_8);
          } else if (i + 1 < words.size()) {
            value = words.get(++i);
          } else {
            throw bad(source, "option " + name, "needs a value, and the command line ends");
          }
        }
        switch (option) {
          case REQUEST -> method = checkedMethod(utf8(value), "option " + name, source);
          case HEADER -> curlHeader(name, value, headers, removed, source);
          case USER_AGENT ->
              headers.add(
                  new HeaderLine("User-Agent", new String(value, StandardCharsets.ISO_8859_1)));
          case DATA -> data.add(dataValue(name, value, false, files, source));
          case DATA_RAW -> data.add(value);
          case DATA_BINARY -> data.add(dataValue(name, value, true, files, source));
          case JSON -> {
            data.add(dataValue(name, value, true, files, source));
            json = true;
          }
          case URL -> {
            if (url != null) {
              throw bad(
                  source,
                  "option " + name,
                  "a second URL (the first is \"" + url + "\"); one request is read, with one URL");
            }
            url = utf8(value);
          }
          case IGNORED, IGNORED_WITH_VALUE -> {}
        }
      }
    }
    if (url == null) {
      throw bad(source, "command line", "no URL; give it as an argument or with --url");
    }
    Url parts = Url.parseLenient(url, source, "URL \"" + url + "\"");
    if (json) { // what curl's --json adds unless told otherwise
      addUnlessPresent(headers, removed, "Content-Type", "application/json");
      addUnlessPresent(headers, removed, "Accept", "application/json");
    }
    if (!hasHeader(headers, "Host") && !removed.contains("host")) {
      headers.add(0, new HeaderLine("Host", parts.host()));
    }
    byte[] body = joinData(data);
    if (method == null) {
      method = data.isEmpty() ? "GET" : "POST";
    }
    return new CapturedRequest(
        method, parts.path(), Optional.ofNullable(parts.query()), headers, body, source);
  }

  private static boolean isCurlProgram(String word) {
    String name = word.substring(Math.max(word.lastIndexOf('/'), word.lastIndexOf('\\')) + 1);
    return name.equals("curl") || name.equalsIgnoreCase("curl.exe");
  }

  /** The curl options this reader understands, and what each does with the request. */
  private enum CurlOption {
    REQUEST(true),
    HEADER(true),
    USER_AGENT(true),
    DATA(true),
    DATA_RAW(true),
    DATA_BINARY(true),
    JSON(true),
    URL(true),
    IGNORED(false),
    IGNORED_WITH_VALUE(true);

    final boolean takesValue;

    CurlOption(boolean takesValue) {
      this.takesValue = takesValue;
    }

    static CurlOption of(String name, String source) {
      return switch (name) {
        case "-X", "--request" -> REQUEST;
        case "-H", "--header" -> HEADER;
        case "-A", "--user-agent" -> USER_AGENT;
        case "-d", "--data", "--data-ascii" -> DATA;
        case "--data-raw" -> DATA_RAW;
        case "--data-binary" -> DATA_BINARY;
        case "--json" -> JSON;
        case "--url" -> URL;
        case "--compressed",
            "-s",
            "--silent",
            "-S",
            "--show-error",
            "-i",
            "--include",
            "-v",
            "--verbose",
            "-k",
            "--insecure",
            "-L",
            "--location",
            "-f",
            "--fail",
            "--http1.1" ->
            IGNORED;
        case "-o", "--output", "-m", "--max-time", "--connect-timeout", "-w", "--write-out" ->
            IGNORED_WITH_VALUE;
        case "-G", "--get" ->
            throw bad(
                source,
                "option " + name,
                "is not supported: it moves the data into the query; write the query in the URL");
        default ->
            throw bad(
                source,
                "option " + name,
                "is not supported; understood: -X/--request, -H/--header, -d/--data, --data-raw,"
                    + " --data-binary, --json, --url, -A/--user-agent (and -s -S -i -v -k -L -f"
                    + " --compressed, which do not change the request)");
      };
    }
  }

  private static void curlHeader(
      String option, byte[] value, List<HeaderLine> headers, Set<String> removed, String source) {
    String text = new String(value, StandardCharsets.ISO_8859_1);
    if (text.startsWith("@")) {
      throw bad(
          source,
          "option " + option + " " + abbreviate(text),
          "reading headers from a file is not supported; give each header with -H");
    }
    int colon = text.indexOf(':');
    int semicolon = text.indexOf(';');
    if (colon < 0 && semicolon > 0 && trimOws(text.substring(semicolon + 1)).isEmpty()) {
      // curl: "Name;" sends the header with an empty value
      headers.add(new HeaderLine(text.substring(0, semicolon).strip(), ""));
      return;
    }
    if (colon <= 0) {
      throw bad(
          source,
          "option " + option + " \"" + abbreviate(text) + "\"",
          "a header is \"Name: value\" (or \"Name;\" for an empty value)");
    }
    String name = text.substring(0, colon).strip();
    String headerValue = trimOws(text.substring(colon + 1));
    if (!isToken(name)) {
      throw bad(
          source,
          "option " + option,
          "header name \"" + name + "\" is not an HTTP token (no spaces or separators)");
    }
    if (headerValue.isEmpty()) {
      // curl: "Name:" with nothing after it removes that header instead of sending it
      removed.add(name.toLowerCase(Locale.ROOT));
      headers.removeIf(h -> h.hasName(name));
      return;
    }
    headers.add(new HeaderLine(name, headerValue));
  }

  private static byte[] dataValue(
      String option, byte[] value, boolean binary, CurlFiles files, String source) {
    if (value.length == 0 || value[0] != '@') {
      return value;
    }
    String file = utf8(value).substring(1);
    if (!binary) {
      throw bad(
          source,
          "option " + option + " @" + file,
          "reading data from a file with "
              + option
              + " is not supported (curl strips its line breaks); use --data-binary @"
              + file);
    }
    if (file.equals("-")) {
      throw bad(
          source,
          "option " + option + " @-",
          "reading data from standard input is not supported; save it to a file and use @file");
    }
    if (files == CurlFiles.REFUSE) { // before the path is touched: not even whether it exists
      throw bad(
          source,
          "option " + option + " @" + file,
          "reading a file named in a pasted curl command needs --allow-files (a pasted command"
              + " could name any file on this machine)");
    }
    try {
      Path path = Path.of(file);
      // Not /dev/zero, a pipe or a FIFO: they never end; a body larger than this is not a request.
      if (!Files.isRegularFile(path)) {
        throw bad(source, "option " + option + " @" + file, "the data file is not a regular file");
      }
      if (Files.size(path) > MAX_DATA_FILE_BYTES) {
        throw bad(
            source,
            "option " + option + " @" + file,
            "the data file is larger than " + MAX_DATA_FILE_BYTES / (1024 * 1024) + " MiB");
      }
      return Files.readAllBytes(path);
    } catch (IOException | InvalidPathException | SecurityException e) {
      throw bad(
          source,
          "option " + option + " @" + file,
          "cannot read the data file: " + e.getClass().getSimpleName());
    }
  }

  private static byte[] joinData(List<byte[]> data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int k = 0; k < data.size(); k++) {
      if (k > 0) {
        out.write('&');
      }
      out.writeBytes(data.get(k));
    }
    return out.toByteArray();
  }

  private static void addUnlessPresent(
      List<HeaderLine> headers, Set<String> removed, String name, String value) {
    if (!hasHeader(headers, name) && !removed.contains(name.toLowerCase(Locale.ROOT))) {
      headers.add(new HeaderLine(name, value));
    }
  }

  private static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
