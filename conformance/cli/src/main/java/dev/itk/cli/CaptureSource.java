package dev.itk.cli;

import dev.itk.diagnose.CaptureReaders;
import dev.itk.diagnose.CaptureReaders.CurlFiles;
import dev.itk.diagnose.CapturedRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Where a command reads a captured request: {@code --request-file} (raw HTTP or a stub record),
 * {@code --curl} or {@code --har}, {@code --entry} to choose one, and {@code --allow-files} to let
 * a curl command line read the files it names. Shared by {@code itk diagnose} and {@code itk
 * capture-to-vector}.
 */
final class CaptureSource {
  static final class Source {
    @Option(
        names = "--request-file",
        paramLabel = "FILE",
        description =
            "The request as raw HTTP (request line, headers, empty line, body), a HAR file or a"
                + " stub record (itk-stub-record/1 or /2, or an itk stub --record file); '-' reads"
                + " standard input.")
    Path requestFile;

    @Option(
        names = "--curl",
        paramLabel = "COMMAND",
        description = "The request as a curl command line.")
    String curl;

    @Option(names = "--har", paramLabel = "FILE", description = "The request in a HAR file.")
    Path har;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  @Option(
      names = "--allow-files",
      description =
          "Let --curl read the files its command names (--data-binary @FILE, --json @FILE)."
              + " Refused without it: a pasted command could name any file on this machine, and"
              + " the file's bytes would be shown or written into a vector.")
  boolean allowFiles;

  @Option(
      names = "--entry",
      paramLabel = "N",
      description =
          "Which HAR entry (from 0), or which stub record seq. Default: the only entry, or the last"
              + " request of a stub record.")
  Long entry;

  /**
   * The request.
   *
   * @throws BadInputException naming the source and what is wrong with it
   */
  CapturedRequest read() {
    try {
      if (source.curl != null) {
        if (entry != null) {
          throw new BadInputException(
              "--entry chooses a HAR entry or a stub record seq; a curl command line is one"
                  + " request");
        }
        return CaptureReaders.curl(
            source.curl, "--curl", allowFiles ? CurlFiles.READ : CurlFiles.REFUSE);
      }
      if (allowFiles) {
        throw new BadInputException(
            "--allow-files lets a --curl command line read the files it names; there is no --curl"
                + " here");
      }
      if (source.har != null) {
        if (entry != null && (entry < 0 || entry > Integer.MAX_VALUE)) {
          throw new BadInputException("--entry " + entry + " is not a HAR entry index (0, 1, ...)");
        }
        return CaptureReaders.har(
            read(source.har), "HAR file " + source.har, entry == null ? null : entry.intValue());
      }
      boolean stdin = source.requestFile.toString().equals("-");
      byte[] bytes = stdin ? System.in.readAllBytes() : read(source.requestFile);
      return CaptureReaders.detect(
          bytes, stdin ? "standard input" : "request file " + source.requestFile, entry);
    } catch (IOException e) {
      throw new BadInputException("cannot read standard input: " + KeyOptions.describe(e));
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage(), e);
    }
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new BadInputException("cannot read " + file + ": " + KeyOptions.describe(e));
    }
  }
}
