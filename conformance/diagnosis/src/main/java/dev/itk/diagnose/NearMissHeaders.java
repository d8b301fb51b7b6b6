package dev.itk.diagnose;

import dev.itk.signing.HeaderLine;
import dev.itk.signing.ReceivedRequest;
import dev.itk.signing.SignatureHeaders;
import java.util.ArrayList;
import java.util.List;

/**
 * Where one of the scheme's three headers is missing, the header the client meant: a header whose
 * name is within {@value #MAX_DISTANCE} edits of it (Levenshtein, ASCII case ignored), e.g. {@code
 * X-IssueTrack-API-Timestamp} (1 edit) or {@code X-Issuetrak-Authorization} (4: "API-" left out)
 * for {@code X-Issuetrak-API-Timestamp} and {@code X-Issuetrak-API-Authorization}; the nearest,
 * when no other header is as near. Then, for a missing X-Issuetrak-API-Authorization, one plain
 * {@code Authorization} header. Rule: docs/debugging.md#the-catalogue.
 */
final class NearMissHeaders {
  /** The most edits between a header's name and the name it was meant as. */
  static final int MAX_DISTANCE = 4;

  private static final String PLAIN_AUTHORIZATION = "Authorization";

  private static final List<String> SCHEME =
      List.of(
          SignatureHeaders.REQUEST_ID, SignatureHeaders.TIMESTAMP, SignatureHeaders.AUTHORIZATION);

  private NearMissHeaders() {}

  /**
   * The request with its near-miss headers renamed, and the mistakes and words for each, e.g.
   * {@code X-IssueTrack-API-Timestamp was meant as X-Issuetrak-API-Timestamp (1 edit)}.
   *
   * @param misspelled what header-name-misspelled renamed, one line per header; empty when none
   * @param misplaced whether a plain Authorization header was taken as the signature's
   */
  record Repair(ReceivedRequest request, List<String> misspelled, boolean misplaced) {
    /** The mistakes the repair names, in catalogue order. */
    List<Mistake> mistakes() {
      List<Mistake> out = new ArrayList<>();
      if (!misspelled.isEmpty()) {
        out.add(Mistake.HEADER_NAME_MISSPELLED);
      }
      if (misplaced) {
        out.add(Mistake.SIGNATURE_IN_AUTHORIZATION_HEADER);
      }
      return out;
    }
  }

  /** {@code request} with the missing scheme headers found under other names; null if none was. */
  static Repair repair(ReceivedRequest request) {
    List<HeaderLine> headers = new ArrayList<>(request.headers());
    List<String> misspelled = new ArrayList<>();
    for (String wanted : SCHEME) {
      if (!HeaderLine.values(headers, wanted).isEmpty()) {
        continue;
      }
      int best = -1;
      int bestDistance = Integer.MAX_VALUE;
      boolean tie = false;
      for (int i = 0; i < headers.size(); i++) {
        String name = headers.get(i).name();
        if (isScheme(name)) {
          continue;
        }
        int d = distance(asciiLower(name), asciiLower(wanted));
        if (d > MAX_DISTANCE) {
          continue;
        }
        if (d < bestDistance) {
          best = i;
          bestDistance = d;
          tie = false;
        } else if (d == bestDistance) {
          tie = true;
        }
      }
      if (best >= 0 && !tie) {
        HeaderLine sent = headers.get(best);
        headers.set(best, new HeaderLine(wanted, sent.value()));
        misspelled.add(
            sent.name()
                + " was meant as "
                + wanted
                + " ("
                + bestDistance
                + (bestDistance == 1 ? " edit)" : " edits)"));
      }
    }
    boolean misplaced = false;
    if (HeaderLine.values(headers, SignatureHeaders.AUTHORIZATION).isEmpty()
        && HeaderLine.values(headers, PLAIN_AUTHORIZATION).size() == 1) {
      for (int i = 0; i < headers.size(); i++) {
        if (asciiLower(headers.get(i).name()).equals("authorization")) {
          headers.set(i, new HeaderLine(SignatureHeaders.AUTHORIZATION, headers.get(i).value()));
        }
      }
      misplaced = true;
    }
    if (misspelled.isEmpty() && !misplaced) {
      return null;
    }
    ReceivedRequest.Builder b =
        ReceivedRequest.builder()
            .method(request.method())
            .path(request.path())
            .query(request.query() == null ? "" : request.query())
            .body(request.body());
    headers.forEach(h -> b.header(h.name(), h.value()));
    return new Repair(b.build(), List.copyOf(misspelled), misplaced);
  }

  private static boolean isScheme(String name) {
    String lower = asciiLower(name);
    return SCHEME.stream().anyMatch(s -> asciiLower(s).equals(lower));
  }

  /** {@code s} with A-Z lowercased and nothing else changed. */
  static String asciiLower(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      out.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
    }
    return out.toString();
  }

  /** The Levenshtein distance of {@code a} and {@code b} (insert, delete, replace one char). */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int replace = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(replace, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] t = previous;
      previous = current;
      current = t;
    }
    return previous[b.length()];
  }
}
