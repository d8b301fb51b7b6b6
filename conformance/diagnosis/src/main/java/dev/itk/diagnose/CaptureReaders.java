package dev.itk.diagnose;

/**
 * Reads a {@link CapturedRequest} from the forms a request is usually captured in: raw HTTP, a curl
 * command line, a HAR file, or the stub's record ({@code docs/stub.md#the-record}).
 *
 * <pre>{@code
 * CapturedRequest r = CaptureReaders.detect(Files.readAllBytes(file), "request file " + file);
 * CapturedRequest c = CaptureReaders.curl("curl -H 'X-A: 1' https://h/api/v1/x?y=1", "--curl");
 * }</pre>
 *
 * <p>Path and query are kept exactly as written: nothing is decoded, normalized or re-encoded,
 * since the signature covers them as sent. Every reader throws {@link IllegalArgumentException}
 * whose message starts with the source and names the line or field and the rule it breaks.
 */
public final class CaptureReaders {
  /** The stub record's format, {@code docs/stub.md#the-record}. */
  public static final String STUB_RECORD_FORMAT = "itk-stub-record/2";

  /** The earlier stub record format, read too: every entry keeps its whole body. */
  static final String STUB_RECORD_FORMAT_1 = "itk-stub-record/1";

  /** The stub's record file ({@code itk stub --record}): JSON Lines of record entries. */
  public static final String STUB_RECORD_LINES_FORMAT = "itk-stub-record-lines/1";

  // The public entry point only. Each format has its reader in this package (RawHttpReader,
  // CurlReader with ShellWords, HarReader, StubRecordReader), the rules they share are in
  // CaptureSyntax, and CaptureFormatDetector chooses the reader when the format is not given.
  private CaptureReaders() {}

  /**
   * Reads a raw HTTP/1.x request: the request line {@code METHOD TARGET HTTP/1.1}, header lines, an
   * empty line, then the body. Lines end with CRLF or LF. The target is origin-form ({@code
   * /path?query}) or absolute-form ({@code http://host/path?query}; its host becomes the {@code
   * Host} header when there is none). The body is the rest of the bytes, cut to {@code
   * Content-Length} when that is shorter; a {@code chunked} body is decoded. Header values are read
   * one character per octet (ISO-8859-1); the request line is read as UTF-8.
   *
   * @throws IllegalArgumentException naming the source, the line and the rule broken
   */
  public static CapturedRequest rawHttp(byte[] bytes, String source) {
    return RawHttpReader.read(bytes, source);
  }

  /**
   * Whether a curl command line may read the files it names: {@code --data-binary @FILE} and {@code
   * --json @FILE}. A pasted command could name any file on this machine ({@code
   * --data-binary @/root/.ssh/id_rsa}), and what is read becomes the request's body: shown by a
   * diagnosis, and written into a vector meant to be shared (docs/security.md#secrets).
   */
  public enum CurlFiles {
    /**
     * A file named in the command is refused, before it is touched, with an error naming it and
     * itk's {@code --allow-files} (which chooses {@link #READ}). The default.
     */
    REFUSE,
    /** A regular file up to 64 MiB is read, its exact bytes (never a pipe or a device). */
    READ
  }

  /**
   * Reads a curl command line as {@link #curl(String, String, CurlFiles)} does, refusing any file
   * the command names ({@link CurlFiles#REFUSE}).
   *
   * @throws IllegalArgumentException naming the source, the word and the rule broken
   */
  public static CapturedRequest curl(String commandLine, String source) {
    return curl(commandLine, source, CurlFiles.REFUSE);
  }

  /**
   * Reads a curl command line, split into words as a POSIX shell does (single quotes, double quotes
   * with backslash escapes, {@code $'...'} ANSI-C quoting, backslash-newline continuations). Reads
   * {@code -X/--request}, {@code -H/--header}, {@code -d/--data/--data-raw/--data-binary/--json}
   * (several are joined with {@code &}, as curl does; {@code --data-binary @FILE} and {@code
   * --json @FILE} read the file's exact bytes when {@code files} is {@link CurlFiles#READ}) and
   * {@code --url} or the one URL argument. The method is {@code POST} with data, {@code GET}
   * otherwise; {@code Host} comes from the URL unless given. Options that read files in other ways
   * ({@code -d @FILE}, {@code -H @FILE}, {@code -T}, {@code -F}, {@code -K}, ...) are refused
   * whatever {@code files} says.
   *
   * @param files whether {@code @FILE} may be read; {@link CurlFiles#REFUSE} unless the user asked
   * @throws IllegalArgumentException naming the source, the word and the rule broken
   */
  public static CapturedRequest curl(String commandLine, String source, CurlFiles files) {
    return CurlReader.read(commandLine, source, files);
  }

  /**
   * Reads one request of a HAR 1.2 file: {@code log.entries[i].request} with {@code method}, {@code
   * url}, {@code headers} and {@code postData.text} ({@code postData.encoding: "base64"} when the
   * text is base64). HTTP/2 pseudo-headers ({@code :authority}, ...) are dropped; {@code Host}
   * comes from {@code :authority} or the URL when no header gives it.
   *
   * @param entryIndex the entry, from 0; null when the file holds exactly one
   * @throws IllegalArgumentException naming the source, the field and the rule broken
   */
  public static CapturedRequest har(byte[] json, String source, Integer entryIndex) {
    return HarReader.read(json, source, entryIndex);
  }

  /**
   * Reads one request of the stub's record ({@value #STUB_RECORD_FORMAT} or {@code
   * itk-stub-record/1}, {@code docs/stub.md#the-record}).
   *
   * @param seq the request's {@code seq}; null for the last request
   * @throws IllegalArgumentException naming the source, the field and the rule broken, or when the
   *     request's body was truncated by the stub (its signature cannot be checked)
   */
  public static CapturedRequest stubRecord(byte[] json, String source, Long seq) {
    return StubRecordReader.read(json, source, seq);
  }

  /**
   * Reads one request of the stub's record file ({@value #STUB_RECORD_LINES_FORMAT}, {@code
   * docs/stub.md#the-record-file}): a format line, one line per request, an end line. A last line
   * cut short (a stub killed while writing it) is skipped.
   *
   * @param seq the request's {@code seq}; null for the last request
   * @throws IllegalArgumentException naming the source, the line and the rule broken
   */
  public static CapturedRequest stubRecordLines(byte[] bytes, String source, Long seq) {
    return StubRecordReader.readLines(bytes, source, seq);
  }

  /**
   * Reads a request in whichever form the bytes hold: a JSON object with {@code log} is a HAR file,
   * one with {@code format} a stub record, a first line {@code {"format":
   * "itk-stub-record-lines/1"}} the stub's record file; anything else is raw HTTP.
   *
   * @throws IllegalArgumentException as the chosen reader does
   */
  public static CapturedRequest detect(byte[] bytes, String source) {
    return detect(bytes, source, null);
  }

  /**
   * Like {@link #detect(byte[], String)}, choosing one request of a file that holds several.
   *
   * @param selector a HAR entry index (from 0) or a stub record {@code seq}; null for the only
   *     entry or the last request. Must be null for raw HTTP.
   */
  public static CapturedRequest detect(byte[] bytes, String source, Long selector) {
    return CaptureFormatDetector.read(bytes, source, selector);
  }
}
