package dev.itk.diagnose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.itk.diagnose.CaptureReaders.CurlFiles;
import dev.itk.signing.HeaderLine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading captured requests: raw HTTP, curl, HAR, the stub record, and choosing among them. */
class CaptureReadersTest {
  static final String REQUEST_ID = "c3838d04-46f8-43d6-92fd-62b3d0b59f3e";
  static final String TIMESTAMP = "2014-09-10T17:28:08.3227351Z";
  static final String SIGNATURE =
      "f2esTO3SkBK5toReRmrZE8JsJZatKV3q+NZqlaiTyFVutwz1H/OR6Zd9lqgyx+7bRHzw2d9HPxxumxYgTUUSGQ==";
  static final byte[] NOT_UTF8 = {(byte) 0xFF, (byte) 0xFE, 0x00, (byte) 0xE9, '\r', '\n'};

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  static List<HeaderLine> headers(String... nameValue) {
    HeaderLine[] out = new HeaderLine[nameValue.length / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = new HeaderLine(nameValue[2 * i], nameValue[2 * i + 1]);
    }
    return List.of(out);
  }

  @Nested
  class RawHttp {
    @Test
    void rawHttp_readsCrlfRequestWithHeadersInOrderAndExactBody() {
      String head =
          String.join(
              "\r\n",
              "POST /NestedSite/api/v1/Notes?x=%2F&y=a+b HTTP/1.1",
              "Host: sub.example.com",
              "x-issuetrak-api-request-id: " + REQUEST_ID,
              "X-Issuetrak-API-Timestamp:   " + TIMESTAMP + "\t",
              "X-Issuetrak-API-Authorization: " + SIGNATURE,
              "Content-Length: 6",
              "",
              "");
      CapturedRequest r = CaptureReaders.rawHttp(concat(bytes(head), NOT_UTF8), "request file a");

      assertThat(r.method()).isEqualTo("POST");
      assertThat(r.rawPath()).isEqualTo("/NestedSite/api/v1/Notes");
      assertThat(r.rawQuery()).contains("x=%2F&y=a+b");
      assertThat(r.headers())
          .isEqualTo(
              headers(
                  "Host", "sub.example.com",
                  "x-issuetrak-api-request-id", REQUEST_ID,
                  "X-Issuetrak-API-Timestamp", TIMESTAMP,
                  "X-Issuetrak-API-Authorization", SIGNATURE,
                  "Content-Length", "6"));
      assertThat(r.body()).as("non-UTF-8 body, byte for byte").isEqualTo(NOT_UTF8);
      assertThat(r.source()).isEqualTo("request file a");
    }

    @Test
    void rawHttp_readsLfLineEndingsAndKeepsTheRestAsBody() {
      byte[] raw =
          bytes(
              "PUT /api/v1/issues HTTP/1.1\nHost: h\nX-Issuetrak-API-Request-ID: x\n\n{\"a\":1}\n");

      CapturedRequest r = CaptureReaders.rawHttp(raw, "s");

      assertThat(r.rawPath()).isEqualTo("/api/v1/issues");
      assertThat(r.rawQuery()).as("no '?'").isEmpty();
      assertThat(r.headers()).isEqualTo(headers("Host", "h", "X-Issuetrak-API-Request-ID", "x"));
      assertThat(r.body()).isEqualTo(bytes("{\"a\":1}\n"));
    }

    @Test
    void rawHttp_keepsAnEmptyQueryApartFromNone() {
      CapturedRequest r = CaptureReaders.rawHttp(bytes("GET /a? HTTP/1.1\r\n\r\n"), "s");

      assertThat(r.rawQuery()).as("a '?' and nothing after it").contains("");
      assertThat(r.body()).isEmpty();
    }

    @Test
    void rawHttp_absoluteFormGivesPathQueryAndHost() {
      byte[] raw =
          bytes("GET http://User@Sub.Example.com:8080/Site//api/v1/%7Ex?q=%2f HTTP/1.1\r\n\r\n");

      CapturedRequest r = CaptureReaders.rawHttp(raw, "s");

      assertThat(r.rawPath()).isEqualTo("/Site//api/v1/%7Ex");
      assertThat(r.rawQuery()).contains("q=%2f");
      assertThat(r.headers()).isEqualTo(headers("Host", "Sub.Example.com:8080"));
    }

    @Test
    void rawHttp_absoluteFormKeepsAGivenHostHeader() {
      byte[] raw = bytes("GET https://a.example HTTP/1.1\nhost: b.example\n\n");

      CapturedRequest r = CaptureReaders.rawHttp(raw, "s");

      assertThat(r.rawPath()).as("an empty path is /").isEqualTo("/");
      assertThat(r.headers()).isEqualTo(headers("host", "b.example"));
    }

    @Test
    void rawHttp_cutsTheBodyToContentLength() {
      // An editor's trailing newline after the body is not part of the request.
      byte[] raw = bytes("POST /a HTTP/1.1\r\nContent-Length: 2\r\n\r\nab\n");

      assertThat(CaptureReaders.rawHttp(raw, "s").body()).isEqualTo(bytes("ab"));
    }

    @Test
    void rawHttp_decodesAChunkedBody() {
      byte[] raw =
          bytes(
              "POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                  + "3\r\nabc\r\n2;ext=1\r\nde\r\n0\r\nTrailer: t\r\n\r\n");

      assertThat(CaptureReaders.rawHttp(raw, "s").body()).isEqualTo(bytes("abcde"));
    }

    @Test
    void rawHttp_refusesASignedChunkSize() {
      // Found by RawHttpReaderFuzzTest: "-3" was read as a size and the copy went out of range.
      for (String size : new String[] {"-3", "+3"}) {
        byte[] raw =
            bytes(
                "POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + size
                    + "\r\nabc\r\n0\r\n\r\n");

        assertThatThrownBy(() -> CaptureReaders.rawHttp(raw, "s"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("chunk size line \"" + size + "\" is not a hexadecimal size");
      }
    }

    @Test
    void rawHttp_acceptsHeadersEndingAtEndOfFile() {
      CapturedRequest r = CaptureReaders.rawHttp(bytes("\r\nGET /a HTTP/1.1\r\nHost: h"), "s");

      assertThat(r.headers()).isEqualTo(headers("Host", "h"));
      assertThat(r.body()).isEmpty();
    }

    @Test
    void rawHttp_refusesObsFold() {
      byte[] raw = bytes("GET /a HTTP/1.1\r\nX-A: 1\r\n  continued\r\n\r\n");

      assertThatThrownBy(() -> CaptureReaders.rawHttp(raw, "request file f.http"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith(
              "request file f.http: line 3: header line starts with whitespace:")
          .hasMessageContaining("obs-fold");
    }

    @Test
    void rawHttp_refusesABodyShorterThanContentLength() {
      byte[] raw = bytes("POST /a HTTP/1.1\nContent-Length: 10\n\nabcd");

      assertThatThrownBy(() -> CaptureReaders.rawHttp(raw, "f"))
          .hasMessage(
              "f: body: the body is truncated: Content-Length says 10 bytes, but only 4 follow"
                  + " the empty line");
    }

    @Test
    void rawHttp_refusesARequestLineWithoutVersion() {
      assertThatThrownBy(() -> CaptureReaders.rawHttp(bytes("GET /a\r\n\r\n"), "f"))
          .hasMessage(
              "f: line 1: request line \"GET /a\" must be METHOD TARGET HTTP-VERSION separated by"
                  + " single spaces (e.g. GET /api/v1/issues/false/1 HTTP/1.1)");
    }

    @Test
    void rawHttp_refusesAnAsteriskTarget() {
      assertThatThrownBy(() -> CaptureReaders.rawHttp(bytes("OPTIONS * HTTP/1.1\r\n\r\n"), "f"))
          .hasMessage(
              "f: line 1: target \"*\" must be origin-form (/path?query) or absolute-form"
                  + " (http://host/path?query)");
    }

    @Test
    void rawHttp_refusesAMethodThatIsNotAToken() {
      assertThatThrownBy(() -> CaptureReaders.rawHttp(bytes("GE(T /a HTTP/1.1\n\n"), "f"))
          .hasMessageStartingWith("f: line 1: method \"GE(T\" is not an HTTP token");
    }

    @Test
    void rawHttp_refusesAHeaderLineWithoutColonShowingOnlyItsStart() {
      byte[] raw =
          bytes("GET /a HTTP/1.1\r\nX-Issuetrak-API-Authorization " + SIGNATURE + "\r\n\r\n");

      assertThatThrownBy(() -> CaptureReaders.rawHttp(raw, "f"))
          .hasMessage(
              "f: line 2: header line \"X-Issuetrak-API-Authorization ...\" has no ':'; a header"
                  + " line is Name: value")
          .message()
          .doesNotContain(SIGNATURE.substring(0, 10));
    }

    @Test
    void rawHttp_refusesSpaceBeforeTheColon() {
      assertThatThrownBy(() -> CaptureReaders.rawHttp(bytes("GET /a HTTP/1.1\nHost : h\n\n"), "f"))
          .hasMessageStartingWith("f: line 2: header name \"Host \" is not an HTTP token");
    }

    @Test
    void rawHttp_refusesABareCarriageReturn() {
      assertThatThrownBy(() -> CaptureReaders.rawHttp(bytes("GET /a HTTP/1.1\rHost: h\n\n"), "f"))
          .hasMessage(
              "f: line 1: carriage return at column 16 is not at the end of the line; lines end"
                  + " with CRLF or LF");
    }

    @Test
    void rawHttp_refusesEmptyInput() {
      assertThatThrownBy(() -> CaptureReaders.rawHttp(bytes("\r\n\r\n"), "f"))
          .hasMessageStartingWith("f: no request line;");
    }

    @Test
    void rawHttp_refusesConflictingContentLengths() {
      byte[] raw = bytes("POST /a HTTP/1.1\nContent-Length: 1\nContent-Length: 2\n\nab");

      assertThatThrownBy(() -> CaptureReaders.rawHttp(raw, "f"))
          .hasMessage(
              "f: header Content-Length: given twice with different values (\"1\" and \"2\"); a"
                  + " request has one length");
    }

    @Test
    void rawHttp_refusesATransferCodingOtherThanChunked() {
      byte[] raw = bytes("POST /a HTTP/1.1\nTransfer-Encoding: gzip, chunked\n\n");

      assertThatThrownBy(() -> CaptureReaders.rawHttp(raw, "f"))
          .hasMessage(
              "f: header Transfer-Encoding: \"gzip, chunked\" is not supported; only \"chunked\""
                  + " alone is decoded");
    }
  }

  @Nested
  class Curl {
    @TempDir Path temp;

    @Test
    void curl_readsQuotingContinuationsAndAnsiCQuotes() {
      String line =
          "curl -sS -X PUT 'https://Sub.example.com/Site/api/v1/Issues?a=1%2C2&b=c+d' \\\n"
              + "  -H $'X-Issuetrak-API-Request-ID: "
              + REQUEST_ID
              + "' \\\n"
              + "  -H \"X-Issuetrak-API-Timestamp: "
              + TIMESTAMP
              + "\" \\\r\n"
              + "  --data-raw $'{\"t\":\"caf\\xc3\\xa9\\\\n\\u00e9\"}\\n' --compressed";

      CapturedRequest r = CaptureReaders.curl(line, "--curl");

      assertThat(r.method()).isEqualTo("PUT");
      assertThat(r.rawPath()).isEqualTo("/Site/api/v1/Issues");
      assertThat(r.rawQuery()).contains("a=1%2C2&b=c+d");
      assertThat(r.headers())
          .isEqualTo(
              headers(
                  "Host", "Sub.example.com",
                  "X-Issuetrak-API-Request-ID", REQUEST_ID,
                  "X-Issuetrak-API-Timestamp", TIMESTAMP));
      assertThat(r.body()).isEqualTo(bytes("{\"t\":\"café\\né\"}\n"));
      assertThat(r.source()).isEqualTo("--curl");
    }

    @Test
    void curl_ansiCHexEscapesMakeRawBytes() {
      CapturedRequest r = CaptureReaders.curl("curl http://h/a -d $'\\xff\\xfe\\0\\351'", "c");

      assertThat(r.method()).as("POST when there is data").isEqualTo("POST");
      assertThat(r.body()).isEqualTo(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, (byte) 0xE9});
    }

    @Test
    void curl_doubleQuotesEscapeOnlyShellSpecials() {
      CapturedRequest r =
          CaptureReaders.curl("curl --url http://h/a --data \"a \\\"b\\\" \\$c \\d\"", "c");

      assertThat(r.body()).isEqualTo(bytes("a \"b\" $c \\d"));
    }

    @Test
    void curl_defaultsToGetAndTakesHostFromUrlWithoutSchemeOrFragment() {
      CapturedRequest r = CaptureReaders.curl("curl example.com:81/A/b#frag", "c");

      assertThat(r.method()).isEqualTo("GET");
      assertThat(r.rawPath()).isEqualTo("/A/b");
      assertThat(r.rawQuery()).as("no '?'").isEmpty();
      assertThat(r.headers()).isEqualTo(headers("Host", "example.com:81"));
      assertThat(r.body()).isEmpty();
    }

    @Test
    void curl_joinsDataWithAmpersandAndReadsCombinedShortOptions() {
      CapturedRequest r =
          CaptureReaders.curl("curl -sSXPATCH -H 'Host: other' http://h/a -d a=1 --data b=2", "c");

      assertThat(r.method()).isEqualTo("PATCH");
      assertThat(r.headers()).isEqualTo(headers("Host", "other"));
      assertThat(r.body()).isEqualTo(bytes("a=1&b=2"));
    }

    @Test
    void curl_headerRulesFollowCurl() {
      CapturedRequest r =
          CaptureReaders.curl("curl -H 'Host:' -H 'X-Empty;' -H 'X-A:  1 ' http://h/a", "c");

      assertThat(r.headers()).isEqualTo(headers("X-Empty", "", "X-A", "1"));
    }

    @Test
    void curl_dataBinaryFileGivesItsExactBytes_whenFilesMayBeRead() throws IOException {
      Path file = temp.resolve("body.bin");
      Files.write(file, NOT_UTF8);

      CapturedRequest r =
          CaptureReaders.curl("curl http://h/a --data-binary '@" + file + "'", "c", CurlFiles.READ);

      assertThat(r.body()).isEqualTo(NOT_UTF8);
    }

    @Test
    void curl_jsonFileGivesItsExactBytesAndTheJsonHeaders_whenFilesMayBeRead() throws IOException {
      Path file = temp.resolve("body.json");
      Files.writeString(file, "{\"a\":1}\n");

      CapturedRequest r =
          CaptureReaders.curl("curl http://h/a --json '@" + file + "'", "c", CurlFiles.READ);

      assertThat(r.body()).isEqualTo(bytes("{\"a\":1}\n"));
      assertThat(r.header("Content-Type")).hasValue("application/json");
    }

    /**
     * A pasted command could name any file ({@code --data-binary @/root/.ssh/id_rsa}): refused
     * unless asked for, before the file is touched (an absent file gets the same answer).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--data-binary", "--json"})
    void curl_refusesAFileTheCommandNames_byDefault_namingTheFileAndTheFlag(String option)
        throws IOException {
      Path file = temp.resolve("id_rsa");
      Files.writeString(file, "PRIVATE KEY TEXT");
      for (Path named : List.of(file, temp.resolve("absent"))) {
        String command = "curl http://h/a " + option + " '@" + named + "'";
        String refusal =
            "--curl: option "
                + option
                + " @"
                + named
                + ": reading a file named in a pasted curl command needs --allow-files (a pasted"
                + " command could name any file on this machine)";

        assertThatThrownBy(() -> CaptureReaders.curl(command, "--curl")).hasMessage(refusal);
        assertThatThrownBy(() -> CaptureReaders.curl(command, "--curl", CurlFiles.REFUSE))
            .hasMessage(refusal);
      }
    }

    /** Every other way curl reads a file is refused even when files may be read. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
        delimiter = '|',
        value = {
          "-d @FILE | reading data from a file with -d is not supported",
          "--data @FILE | reading data from a file with --data is not supported",
          "--data-ascii @FILE | reading data from a file with --data-ascii is not supported",
          "-H @FILE | reading headers from a file is not supported",
          "--header @FILE | reading headers from a file is not supported",
          "-T FILE | option -T: is not supported",
          "--upload-file FILE | option --upload-file: is not supported",
          "-F a=@FILE | option -F: is not supported",
          "--form a=@FILE | option --form: is not supported",
          "--data-urlencode @FILE | option --data-urlencode: is not supported",
          "-K FILE | option -K: is not supported",
          "--config FILE | option --config: is not supported",
          "-b FILE | option -b: is not supported",
          "--cookie FILE | option --cookie: is not supported",
        })
    void curl_refusesEveryOtherFileRead_evenWhenFilesMayBeRead(String options, String problem)
        throws IOException {
      Path file = temp.resolve("secret.txt");
      Files.writeString(file, "PRIVATE KEY TEXT");
      String command = "curl http://h/a " + options.replace("FILE", file.toString());

      for (CurlFiles files : CurlFiles.values()) {
        assertThatThrownBy(() -> CaptureReaders.curl(command, "c", files))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("c: option ")
            .hasMessageContaining(problem)
            .hasMessageNotContaining("PRIVATE KEY TEXT");
      }
    }

    @Test
    void curl_refusesStandardInput_evenWhenFilesMayBeRead() {
      assertThatThrownBy(
              () -> CaptureReaders.curl("curl http://h/a --data-binary @-", "c", CurlFiles.READ))
          .hasMessage(
              "c: option --data-binary @-: reading data from standard input is not supported; save"
                  + " it to a file and use @file");
    }

    @Test
    void curl_jsonSetsDataAndTheJsonHeaders() {
      CapturedRequest r = CaptureReaders.curl("curl --json '{\"a\":1}' http://h/a", "c");

      assertThat(r.method()).isEqualTo("POST");
      assertThat(r.headers())
          .isEqualTo(
              headers(
                  "Host", "h", "Content-Type", "application/json", "Accept", "application/json"));
      assertThat(r.body()).isEqualTo(bytes("{\"a\":1}"));
    }

    @Test
    void curl_refusesGet() {
      assertThatThrownBy(() -> CaptureReaders.curl("curl -G http://h/a -d x=1", "--curl"))
          .hasMessage(
              "--curl: option -G: is not supported: it moves the data into the query; write the"
                  + " query in the URL");
    }

    @Test
    void curl_refusesAnUnclosedQuote() {
      assertThatThrownBy(() -> CaptureReaders.curl("curl 'http://h/a", "c"))
          .hasMessage("c: column 6: a single quote is never closed; close it with '");
      assertThatThrownBy(() -> CaptureReaders.curl("curl \"http://h/a", "c"))
          .hasMessage("c: column 6: a double quote is never closed; close it with \"");
      assertThatThrownBy(() -> CaptureReaders.curl("curl $'http://h/a\\'", "c"))
          .hasMessage("c: column 6: a $'...' quote is never closed; close it with '");
    }

    @Test
    void curl_refusesAMethodThatIsNotAToken() {
      // Found by CurlReaderFuzzTest: -X "" made a request without a method.
      assertThatThrownBy(() -> CaptureReaders.curl("curl -X '' http://h/a", "c"))
          .hasMessage(
              "c: option -X: method \"\" is not an HTTP token (RFC 9110: letters, digits and"
                  + " !#$%&'*+-.^_`|~)");
      assertThatThrownBy(() -> CaptureReaders.curl("curl --request 'GET /' http://h/a", "c"))
          .hasMessageContaining("method \"GET /\" is not an HTTP token");
    }

    @Test
    void curl_refusesAMissingOrSecondUrl() {
      assertThatThrownBy(() -> CaptureReaders.curl("curl -X GET", "c"))
          .hasMessage("c: command line: no URL; give it as an argument or with --url");
      assertThatThrownBy(() -> CaptureReaders.curl("curl http://h/a http://h/b", "c"))
          .hasMessage(
              "c: word \"http://h/b\": a second URL (the first is \"http://h/a\"); one request is"
                  + " read, with one URL");
    }

    @Test
    void curl_refusesDataFromFileWithStrippingOptions() {
      assertThatThrownBy(() -> CaptureReaders.curl("curl http://h/a -d @body.json", "c"))
          .hasMessage(
              "c: option -d @body.json: reading data from a file with -d is not supported (curl"
                  + " strips its line breaks); use --data-binary @body.json");
    }

    @Test
    void curl_refusesUnknownOptionsAndMissingValues() {
      assertThatThrownBy(() -> CaptureReaders.curl("curl -u a:b http://h/a", "c"))
          .hasMessageStartingWith("c: option -u: is not supported; understood: -X/--request,");
      assertThatThrownBy(() -> CaptureReaders.curl("curl http://h/a -H", "c"))
          .hasMessage("c: option -H: needs a value, and the command line ends");
    }

    @Test
    void curl_refusesAUrlWithASpace() {
      assertThatThrownBy(() -> CaptureReaders.curl("curl 'http://h/a b'", "c"))
          .hasMessage(
              "c: URL \"http://h/a b\": contains a space at index 10; a request target cannot,"
                  + " percent-encode it");
    }
  }

  @Nested
  class Har {
    static final String TWO_ENTRIES =
        """
        {"log": {"version": "1.2", "entries": [
          {"request": {"method": "GET", "url": "https://h.example/api/v1/a", "headers": []}},
          {"request": {
            "method": "POST",
            "url": "https://h.example/Site/api/v1/Notes?x=%%2F#top",
            "headers": [
              {"name": ":authority", "value": "h.example:8443"},
              {"name": ":method", "value": "POST"},
              {"name": "x-issuetrak-api-timestamp", "value": "%s"}
            ],
            "postData": {"mimeType": "application/octet-stream", "encoding": "base64",
                         "text": "%s"}
          }}
        ]}}
        """
            .formatted(TIMESTAMP, Base64.getEncoder().encodeToString(NOT_UTF8));

    @Test
    void har_readsTheChosenEntryWithBase64PostData() {
      CapturedRequest r = CaptureReaders.har(bytes(TWO_ENTRIES), "HAR file x.har", 1);

      assertThat(r.method()).isEqualTo("POST");
      assertThat(r.rawPath()).isEqualTo("/Site/api/v1/Notes");
      assertThat(r.rawQuery()).contains("x=%2F");
      assertThat(r.headers())
          .as("pseudo-headers dropped; Host from :authority")
          .isEqualTo(headers("Host", "h.example:8443", "x-issuetrak-api-timestamp", TIMESTAMP));
      assertThat(r.body()).isEqualTo(NOT_UTF8);
      assertThat(r.source()).isEqualTo("HAR file x.har entry 1");
    }

    @Test
    void har_readsTheOnlyEntryWithTextPostData() {
      String har =
          """
          {"log": {"entries": [{"request": {"method": "PUT", "url": "http://h/a?",
            "headers": [{"name": "Host", "value": "h"}],
            "postData": {"mimeType": "application/json", "text": "{\\"é\\":1}"}}}]}}
          """;

      CapturedRequest r = CaptureReaders.har(bytes(har), "f", null);

      assertThat(r.rawQuery()).as("a '?' and nothing after it").contains("");
      assertThat(r.headers()).isEqualTo(headers("Host", "h"));
      assertThat(r.body()).isEqualTo(bytes("{\"é\":1}"));
    }

    @Test
    void har_refusesToGuessAmongSeveralEntries() {
      assertThatThrownBy(() -> CaptureReaders.har(bytes(TWO_ENTRIES), "f", null))
          .hasMessage(
              "f: log.entries: holds 2 entries; choose one by its index, 0 to 1 (itk: --entry N)");
    }

    @Test
    void har_refusesAnEntryOutOfRange() {
      assertThatThrownBy(() -> CaptureReaders.har(bytes(TWO_ENTRIES), "f", 2))
          .hasMessage("f: log.entries: has no entry 2; its 2 entries are 0 to 1");
    }

    @Test
    void har_refusesAMissingFieldOrLogOrBadJson() {
      assertThatThrownBy(
              () ->
                  CaptureReaders.har(
                      bytes("{\"log\":{\"entries\":[{\"request\":{\"url\":\"http://h/\"}}]}}"),
                      "f",
                      null))
          .hasMessage("f: log.entries[0].request.method: is missing");
      assertThatThrownBy(() -> CaptureReaders.har(bytes("{\"entries\":[]}"), "f", null))
          .hasMessage("f: log: is missing; a HAR file is {\"log\": {\"entries\": [...]}}");
      assertThatThrownBy(() -> CaptureReaders.har(bytes("{\"log\": "), "f", null))
          .hasMessageStartingWith("f: line 1, column ")
          .hasMessageContaining(": not valid JSON: ");
    }

    @Test
    void har_refusesAnUnknownPostDataEncoding() {
      String har =
          """
          {"log": {"entries": [{"request": {"method": "POST", "url": "http://h/a", "headers": [],
            "postData": {"text": "x", "encoding": "hex"}}}]}}
          """;

      assertThatThrownBy(() -> CaptureReaders.har(bytes(har), "f", null))
          .hasMessage(
              "f: log.entries[0].request.postData.encoding: \"hex\" is not supported; only"
                  + " \"base64\" (or none) is read");
    }
  }

  @Nested
  class StubRecord {
    static final String RECORD =
        """
        {
          "format": "itk-stub-record/1",
          "requests": [
            {"seq": 4, "method": "GET", "path": "/A/api/v1/x", "query": null,
             "headers": [["Host", "127.0.0.1"]], "bodyLength": 0, "bodyEncoding": "utf-8",
             "body": "", "bodyTruncated": false, "verdict": "valid", "status": 200},
            {"seq": 5, "method": "Post", "path": "/api/v1//notes", "query": "",
             "headers": [["host", "h"], ["X-Issuetrak-API-Request-ID", "%s"]],
             "bodyLength": 6, "bodyEncoding": "base64", "body": "%s",
             "bodyTruncated": false, "verdict": "bad-signature", "status": 401},
            {"seq": 6, "method": "PUT", "path": "/api/v1/issues", "query": "a=%%C3%%A9",
             "headers": [], "bodyLength": 9, "bodyEncoding": "utf-8", "body": "{\\"é\\":1}",
             "bodyTruncated": false, "verdict": "valid", "status": 200}
          ]
        }
        """
            .formatted(REQUEST_ID, Base64.getEncoder().encodeToString(NOT_UTF8));

    @Test
    void stubRecord_choosesBySeq() {
      CapturedRequest r = CaptureReaders.stubRecord(bytes(RECORD), "stub record r.json", 5L);

      assertThat(r.method()).isEqualTo("Post");
      assertThat(r.rawPath()).isEqualTo("/api/v1//notes");
      assertThat(r.rawQuery()).as("a '?' and nothing after it").contains("");
      assertThat(r.headers())
          .isEqualTo(headers("host", "h", "X-Issuetrak-API-Request-ID", REQUEST_ID));
      assertThat(r.body()).isEqualTo(NOT_UTF8);
      assertThat(r.source()).isEqualTo("stub record r.json seq 5");

      CapturedRequest first = CaptureReaders.stubRecord(bytes(RECORD), "s", 4L);
      assertThat(first.rawQuery()).as("no query: no '?'").isEmpty();
    }

    @Test
    void stubRecord_takesTheLastRequestByDefault() {
      CapturedRequest r = CaptureReaders.stubRecord(bytes(RECORD), "s", null);

      assertThat(r.method()).isEqualTo("PUT");
      assertThat(r.rawQuery()).contains("a=%C3%A9");
      assertThat(r.body()).isEqualTo(bytes("{\"é\":1}"));
    }

    @Test
    void stubRecord_refusesAnotherFormat() {
      byte[] json = bytes("{\"format\": \"itk-stub-record/3\", \"requests\": []}");

      assertThatThrownBy(() -> CaptureReaders.stubRecord(json, "s", null))
          .hasMessage(
              "s: format: is \"itk-stub-record/3\"; a stub record has \"format\":"
                  + " \"itk-stub-record/2\" (or \"itk-stub-record/1\")");
    }

    @Test
    void stubRecord_readsTheSecondFormat() {
      byte[] json = bytes(RECORD.replace("itk-stub-record/1", "itk-stub-record/2"));

      assertThat(CaptureReaders.stubRecord(json, "s", 5L).body()).isEqualTo(NOT_UTF8);
    }

    @Test
    void stubRecord_refusesABodyKeptAsAPrefix_namingItsLengthAndSha256() {
      byte[] json =
          bytes(
              "{\"format\":\"itk-stub-record/2\",\"requests\":[{\"seq\":1,\"method\":\"POST\","
                  + "\"path\":\"/a\",\"query\":null,\"headers\":[],\"body\":\"ab\","
                  + "\"bodyEncoding\":\"utf-8\",\"bodyLength\":100000,\"bodyKept\":\"prefix\","
                  + "\"bodySha256\":\"6d1c\",\"bodyTruncated\":false}]}");

      assertThatThrownBy(() -> CaptureReaders.stubRecord(json, "s", null))
          .hasMessage(
              "s: requests[0].bodyKept: is \"prefix\": the stub kept only the first bytes of this"
                  + " refused request's 100000-byte body (its SHA-256 is 6d1c), and the signature"
                  + " covers all of them, so the request cannot be rebuilt; capture it another way"
                  + " (raw HTTP, a HAR file, a curl command)");
    }

    /** The record file of itk stub --record: a format line, request lines, an end line. */
    static final String LINES =
        "{\"format\":\"itk-stub-record-lines/1\",\"requestFormat\":\"itk-stub-record/2\"}\n"
            + "{\"seq\":7,\"method\":\"GET\",\"path\":\"/api/v1/notes/1\",\"query\":null,"
            + "\"headers\":[[\"Host\",\"h\"]],\"bodyLength\":0,\"bodyKept\":\"whole\","
            + "\"bodyEncoding\":\"utf-8\",\"body\":\"\",\"bodyTruncated\":false}\n"
            + "{\"seq\":8,\"method\":\"DELETE\",\"path\":\"/api/v1/x\",\"query\":\"\","
            + "\"headers\":[],\"bodyLength\":0,\"bodyKept\":\"whole\",\"bodyEncoding\":\"utf-8\","
            + "\"body\":\"\",\"bodyTruncated\":false}\n";

    @Test
    void recordFile_choosesBySeq_andTakesTheLastByDefault() {
      String ended = LINES + "{\"end\":{\"written\":2,\"kept\":2,\"dropped\":0,\"total\":2}}\n";

      assertThat(CaptureReaders.stubRecordLines(bytes(ended), "f", 7L).method()).isEqualTo("GET");
      assertThat(CaptureReaders.stubRecordLines(bytes(ended), "f", null).method())
          .isEqualTo("DELETE");
      assertThat(CaptureReaders.detect(bytes(ended), "f", 7L).rawPath())
          .isEqualTo("/api/v1/notes/1");
    }

    @Test
    void recordFile_ofAKilledStub_skipsALastLineCutShort() {
      String cut = LINES + "{\"seq\":9,\"method\":\"PO";

      assertThat(CaptureReaders.detect(bytes(cut), "f").method()).isEqualTo("DELETE");
      assertThatThrownBy(() -> CaptureReaders.detect(bytes(cut), "f", 9L))
          .hasMessage("f: record file: has no request with seq 9; its seqs run from 7 to 8");
    }

    @Test
    void recordFile_refusesABrokenLineInTheMiddle() {
      String broken = LINES.replace("\"seq\":8", "seq:8");

      assertThatThrownBy(() -> CaptureReaders.detect(bytes(broken), "f"))
          .hasMessageStartingWith("f: line 3: not valid JSON");
    }

    @Test
    void stubRecord_refusesAnUnknownSeq() {
      assertThatThrownBy(() -> CaptureReaders.stubRecord(bytes(RECORD), "s", 9L))
          .hasMessage("s: requests: has no request with seq 9; its seqs run from 4 to 6");
    }

    @Test
    void stubRecord_refusesATruncatedBody() {
      byte[] json =
          bytes(
              "{\"format\":\"itk-stub-record/1\",\"requests\":[{\"seq\":1,\"method\":\"POST\","
                  + "\"path\":\"/a\",\"query\":null,\"headers\":[],\"body\":\"ab\","
                  + "\"bodyEncoding\":\"utf-8\",\"bodyTruncated\":true}]}");

      assertThatThrownBy(() -> CaptureReaders.stubRecord(json, "s", null))
          .hasMessageStartingWith(
              "s: requests[0].bodyTruncated: is true: the stub kept only the first bytes");
    }
  }

  @Nested
  class Detect {
    @Test
    void detect_choosesByContent() {
      assertThat(CaptureReaders.detect(bytes(Har.TWO_ENTRIES), "f", 0L).method()).isEqualTo("GET");
      assertThat(CaptureReaders.detect(bytes("  \n" + StubRecord.RECORD), "f").method())
          .isEqualTo("PUT");
      assertThat(CaptureReaders.detect(bytes(StubRecord.RECORD), "f", 4L).method())
          .isEqualTo("GET");
      assertThat(CaptureReaders.detect(bytes("DELETE /a HTTP/1.1\n\n"), "f").method())
          .isEqualTo("DELETE");
    }

    @Test
    void detect_refusesJsonThatIsNeither() {
      assertThatThrownBy(() -> CaptureReaders.detect(bytes("{\"a\": 1}"), "f"))
          .hasMessage(
              "f: JSON: is neither a HAR file (no \"log\") nor a stub record (no \"format\":"
                  + " \"itk-stub-record/2\")");
    }

    @Test
    void detect_refusesAnEntryForRawHttp() {
      assertThatThrownBy(() -> CaptureReaders.detect(bytes("GET /a HTTP/1.1\n\n"), "f", 1L))
          .hasMessage(
              "f: entry 1: a request is chosen only in a HAR file or a stub record; this is raw"
                  + " HTTP, one request");
    }
  }

  @Nested
  class Request {
    @Test
    void capturedRequest_hidesSignatureAndBodyInToString() {
      CapturedRequest r =
          new CapturedRequest(
              "POST",
              "/a",
              Optional.of("q=1"),
              headers(
                  "Host", "h", "x-issuetrak-api-authorization", SIGNATURE, "Cookie", "s=secret"),
              bytes("secret body"),
              "src");

      assertThat(r.toString())
          .isEqualTo(
              "CapturedRequest[POST /a?q=1 from src, headers=[Host: h,"
                  + " x-issuetrak-api-authorization: (signature), Cookie: (hidden)], body=11"
                  + " bytes]")
          .doesNotContain(SIGNATURE)
          .doesNotContain("secret");
    }

    @Test
    void capturedRequest_copiesTheBodyAndLooksUpHeadersIgnoringCase() {
      byte[] body = bytes("ab");
      CapturedRequest r =
          new CapturedRequest(
              "GET", "/a", Optional.empty(), headers("X-A", "1", "x-a", "2"), body, "s");
      body[0] = 'z';
      r.body()[1] = 'z';

      assertThat(r.body()).isEqualTo(bytes("ab"));
      assertThat(r.header("X-a")).contains("1");
      assertThat(r.headerValues("X-A")).containsExactly("1", "2");
      assertThat(r.header("X-B")).isEmpty();
      assertThat(r)
          .isEqualTo(
              new CapturedRequest(
                  "GET",
                  "/a",
                  Optional.empty(),
                  headers("X-A", "1", "x-a", "2"),
                  bytes("ab"),
                  "s"));
    }
  }
}
