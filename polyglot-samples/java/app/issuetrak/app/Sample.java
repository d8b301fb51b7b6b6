package issuetrak.app;

import issuetrak.IssuetrakClient;
import issuetrak.IssuetrakSigner;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The Issuetrak API v1 Java sample: signs and sends one GET (issue 1, without notes), as the
 * vendor's Java sample does, with the JDK alone.
 *
 * <p>Configuration, from the environment:
 *
 * <ul>
 *   <li>{@code ITK_BASE_URL}: the site's API base URL, site folders included ({@code
 *       http://127.0.0.1:8089/api/v1})
 *   <li>{@code ITK_API_KEY}: the API key text (used as is; never printed)
 *   <li>{@code ITK_REQUEST_ID} (optional): a fixed lowercase UUID for the request
 *   <li>{@code ITK_TIMESTAMP} (optional): a fixed ISO-8601 UTC instant, up to 9 fractional digits
 * </ul>
 *
 * <p>Exit status: 0 when the answer is 2xx, 1 when it is not or the request failed, 2 for bad
 * configuration.
 */
public final class Sample {
  static final int ISSUE_NUMBER = 1;
  static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Pattern LOWERCASE_UUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private Sample() {}

  /** A missing or malformed setting; the message names the variable and the rule. */
  static final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    ConfigException(String message) {
      super(message);
    }
  }

  /** The checked configuration. {@code toString} leaves the key out. */
  record Settings(String baseUrl, String apiKey, Clock clock, Supplier<String> requestIds) {
    @Override
    public String toString() {
      return "Settings[baseUrl=" + baseUrl + ", apiKey=(hidden)]";
    }
  }

  /** Reads and checks the ITK_* variables. */
  static Settings settingsFrom(Map<String, String> env) throws ConfigException {
    String baseUrl = env.get("ITK_BASE_URL");
    if (baseUrl == null) {
      throw new ConfigException(
          "ITK_BASE_URL is not set; set it to the site's API base URL,"
              + " e.g. http://127.0.0.1:8089/api/v1");
    }
    try {
      baseUrl = IssuetrakClient.parseBaseUrl(baseUrl, "ITK_BASE_URL");
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }

    String apiKey = env.get("ITK_API_KEY");
    if (apiKey == null) {
      throw new ConfigException(
          "ITK_API_KEY is not set; set it to the API key text exactly as issued");
    }
    if (apiKey.isEmpty()) {
      throw new ConfigException(
          "ITK_API_KEY is empty; set it to the API key text exactly as issued");
    }
    try {
      IssuetrakSigner.signature(apiKey, new byte[0]);
    } catch (IllegalArgumentException e) { // never shows the key
      throw new ConfigException("ITK_API_KEY: " + e.getMessage());
    }

    Clock clock = Clock.systemUTC(); // nanosecond-capable; the formatter truncates to 100 ns
    String fixedTimestamp = env.get("ITK_TIMESTAMP");
    if (fixedTimestamp != null) {
      try {
        Instant instant = IssuetrakSigner.parseInstant(fixedTimestamp);
        IssuetrakSigner.formatTimestamp(instant);
        clock = Clock.fixed(instant, ZoneOffset.UTC);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("ITK_TIMESTAMP: " + e.getMessage());
      }
    }

    Supplier<String> requestIds = IssuetrakClient.randomRequestIds();
    String fixedId = env.get("ITK_REQUEST_ID");
    if (fixedId != null) {
      if (!LOWERCASE_UUID.matcher(fixedId).matches()) {
        throw new ConfigException(
            "ITK_REQUEST_ID \""
                + fixedId
                + "\""
                + " is not a lowercase UUID (8-4-4-4-12 hex digits,"
                + " e.g. c3838d04-46f8-43d6-92fd-62b3d0b59f3e)");
      }
      requestIds = () -> fixedId;
    }
    return new Settings(baseUrl, apiKey, clock, requestIds);
  }

  /** Retrieves issue 1 and prints the request, the status and the answer. */
  static int run(Settings settings) throws IOException, InterruptedException {
    IssuetrakClient client =
        new IssuetrakClient(
            settings.baseUrl(),
            settings.apiKey(),
            settings.clock(),
            settings.requestIds(),
            TIMEOUT);
    IssuetrakClient.Response response = client.getIssue(ISSUE_NUMBER, false);
    System.out.println("------ Issue Retrieve ------");
    System.out.println(response.method() + " " + response.uri() + " -> " + response.status());
    // The answer's bytes as they came (UTF-8 JSON), whatever the console's default charset.
    System.out.write(response.body());
    System.out.println();
    System.out.flush();
    return response.ok() ? 0 : 1;
  }

  public static void main(String[] args) throws InterruptedException {
    Settings settings;
    try {
      settings = settingsFrom(System.getenv());
    } catch (ConfigException e) {
      System.err.println("Sample: " + e.getMessage());
      System.exit(2);
      return;
    }
    int status;
    try {
      status = run(settings);
    } catch (IOException e) { // refused, timeout, DNS, TLS, a malformed answer
      System.err.println("Sample: request to " + settings.baseUrl() + " failed: " + e);
      status = 1;
    }
    System.exit(status);
  }
}
