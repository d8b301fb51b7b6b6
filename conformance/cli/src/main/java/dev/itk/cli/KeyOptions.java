package dev.itk.cli;

import dev.itk.signing.ApiKey;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where a command gets its API key: {@code --key-file}, {@code ITK_API_KEY}, or {@code --key},
 * which every local user sees in the process list ({@link KeyArguments} warns about it).
 */
final class KeyOptions {
  @Option(
      names = "--key",
      paramLabel = "KEY",
      description =
          "The API key text (used verbatim). Discouraged: every local user sees it in the process"
              + " list (ps); use --key-file or ITK_API_KEY.")
  String key;

  @Option(
      names = "--key-file",
      paramLabel = "FILE",
      description =
          "Read the API key from FILE (UTF-8; one trailing line break is dropped), so it stays out"
              + " of the process list. Without --key-file or --key: the ITK_API_KEY variable.")
  Path keyFile;

  ApiKey resolve() {
    if (key != null && keyFile != null) {
      throw new BadInputException("give the API key once: --key or --key-file, not both");
    }
    String text;
    if (keyFile != null) {
      text = readKeyFile(keyFile);
    } else if (key != null) {
      text = key;
    } else {
      text = System.getenv("ITK_API_KEY");
      if (text == null) {
        throw new BadInputException(
            "no API key: give --key-file FILE or set ITK_API_KEY (--key KEY works too, but every"
                + " local user sees it in ps)");
      }
    }
    return ApiKey.of(text);
  }

  static String readKeyFile(Path file) {
    return readSecretFile(file, "key");
  }

  /**
   * A secret's text from {@code file}: UTF-8, one trailing line break dropped; errors name the file
   * as the {@code what} file ("key", "admin token"), never its contents.
   */
  static String readSecretFile(Path file, String what) {
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
              .toString();
      if (text.endsWith("\r\n")) {
        return text.substring(0, text.length() - 2);
      }
      return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    } catch (CharacterCodingException e) {
      throw new BadInputException(what + " file " + file + " is not UTF-8 text");
    } catch (IOException e) {
      throw new BadInputException("cannot read " + what + " file " + file + ": " + describe(e));
    }
  }

  static String describe(IOException e) {
    String type =
        e instanceof java.nio.file.NoSuchFileException
            ? "no such file"
            : e instanceof java.nio.file.AccessDeniedException
                ? "permission denied"
                : e.getClass().getSimpleName();
    return e.getMessage() == null || e instanceof java.nio.file.FileSystemException
        ? type
        : type + " (" + e.getMessage() + ")";
  }
}
