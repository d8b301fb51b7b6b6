package dev.itk.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Signing inputs from a grammar of the scheme's corners, weighted toward the boundaries ({@code
 * docs/fuzzing.md#the-grammar}). Input {@code n} of seed {@code s} is a pure function of both, the
 * same on every machine and JVM: a run is reproduced by its seed, one input by its seed and index.
 *
 * <pre>{@code
 * FuzzInput in = new InputGenerator(42).input(1_000);
 * }</pre>
 *
 * <p>Every input is one the reference signs; at most one unknown rule (a raw non-ASCII character or
 * a dot segment in the path) per input, as in the vectors. Non-ASCII characters come from scripts
 * whose case mappings have not changed since Unicode 12, so that the reference's answer does not
 * depend on the JVM's Unicode version.
 */
public final class InputGenerator {
  private static final List<String> COMMON_METHODS =
      List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");
  private static final List<String> OTHER_METHODS =
      List.of("PROPFIND", "MKCOL", "M-SEARCH", "QUERY", "TRACE", "CONNECT", "PURGE", "LINK");
  private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";
  private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  private static final String DIGITS = "0123456789";
  private static final String HEX = "0123456789abcdef";
  private static final String SUB_DELIMS = "!$&'()*+,;=";
  private static final String ALNUM = LETTERS + DIGITS;
  private static final String WORD = ALNUM + "._-";
  private static final List<String> RESOURCES =
      List.of(
          "issues",
          "Issues",
          "notes",
          "issuetypes",
          "IssueSubTypes2",
          "users",
          "Organizations",
          "attachments",
          "UserDefinedFieldTypes",
          "false",
          "True",
          "1",
          "42");
  private static final List<String> SITE_WORDS =
      List.of("Help-Desk", "NestedSite1", "IssueTrak", "support", "EMEA", "it_desk", "Corp~2");

  /**
   * Code point ranges of cased (and some uncased) letters whose lowercase mappings are the same in
   * Unicode 12 to 16: Latin, Greek, Cyrillic, Armenian, Georgian with Mtavruli, Cherokee, Latin and
   * Greek extended, letterlike symbols (Kelvin, Ohm, Angstrom), Roman numerals, circled and
   * fullwidth letters, Glagolitic (without U+2C2F and U+2C5F, added in 14), Deseret, Osage, Old
   * Hungarian, Warang Citi, Medefaidrin, Adlam, combining marks, CJK and emoji.
   */
  private static final int[][] NON_ASCII =
      new int[][] {
        {0x00C0, 0x024F},
        {0x0300, 0x036F},
        {0x0370, 0x0377},
        {0x037B, 0x037F},
        {0x0386, 0x03FF},
        {0x0400, 0x052F},
        {0x0531, 0x0556},
        {0x0561, 0x0587},
        {0x10A0, 0x10C5},
        {0x10D0, 0x10FF},
        {0x1C90, 0x1CBA},
        {0x13A0, 0x13F5},
        {0xAB70, 0xABBF},
        {0x1E00, 0x1EFF},
        {0x1F00, 0x1F15},
        {0x1F18, 0x1F1D},
        {0x1F20, 0x1F45},
        {0x1F80, 0x1FB4},
        {0x2126, 0x212B},
        {0x2160, 0x217F},
        {0x24B6, 0x24E9},
        {0x2C00, 0x2C2E},
        {0x2C30, 0x2C5E},
        {0xFF21, 0xFF3A},
        {0xFF41, 0xFF5A},
        {0x10400, 0x1044F},
        {0x104B0, 0x104D3},
        {0x104D8, 0x104FB},
        {0x10C80, 0x10CB2},
        {0x10CC0, 0x10CF2},
        {0x118A0, 0x118DF},
        {0x16E40, 0x16E7F},
        {0x1E900, 0x1E943},
        {0x4E00, 0x4E2F},
        {0x1F600, 0x1F64F}
      };

  /** Characters with special case mappings, drawn more often than their share of the ranges. */
  private static final int[] SPECIAL_CASING = {
    0x0130, 0x0131, 0x03A3, 0x03C2, 0x00DF, 0x1E9E, 0x01C5, 0x01C4, 0x0149, 0x1F88, 0x212A, 0x2126,
    0x212B, 0xFB00, 0xFB03, 0x0345, 0x0399, 0x10400, 0xFEFF, 0x2028, 0x200D, 0x00B5, 0x1E900
  };

  /** Body content that is easy to get wrong: line ends, NUL, BOM, escapes, outside the BMP. */
  private static final List<String> BODY_PIECES =
      List.of(
          "\r\n",
          "\r",
          "\n",
          "\u0000",
          "\uFEFF",
          "\u2028",
          "\u0085",
          "\t",
          " ",
          "\\\"",
          "\\\\",
          "\\/",
          "\\n",
          "\\r\\n",
          "\\u00e9",
          "\\ud83d\\ude00",
          "\"",
          "é",
          "中文",
          "😀",
          "𝄞",
          "{\"IssueNumber\":1,",
          "\"Subject\":\"Printer jam\"}",
          "NoteText=Printer+jam&IsPrivate=false",
          "<Note><Text>a&amp;b</Text></Note>");

  /** Byte sequences that are not UTF-8 (a lone continuation, overlong, a surrogate, 0xFF). */
  private static final byte[][] NOT_UTF8 = {
    {(byte) 0x80},
    {(byte) 0xC0, (byte) 0xAF},
    {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
    {(byte) 0xFF},
    {(byte) 0xE9},
    {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
    {(byte) 0xE2, (byte) 0x82}
  };

  private static final int KIB = 1024;
  private static final int MIB = 1024 * KIB;

  private final long seed;

  /** The generator of one run. */
  public InputGenerator(long seed) {
    this.seed = seed;
  }

  /** The run's seed. */
  public long seed() {
    return seed;
  }

  /** Input {@code index} of this seed. */
  public FuzzInput input(long index) {
    Rng r = new Rng(seed * 0x9E3779B97F4A7C15L + index * 0xC2B2AE3D27D4EB4FL + index);
    String path = path(r);
    return new FuzzInput(key(r), method(r), requestId(r), timestamp(r), path, query(r), body(r));
  }

  // ------------------------------------------------------------------------------- the method

  private static String method(Rng r) {
    int p = r.percent();
    if (p < 45) {
      return r.pick(COMMON_METHODS);
    }
    if (p < 60) {
      String m = r.pick(COMMON_METHODS);
      return r.chance(50) ? m.toLowerCase(Locale.ROOT) : recase(r, m);
    }
    if (p < 70) {
      return r.pick(OTHER_METHODS);
    }
    if (p < 95) {
      return token(r, 1 + r.below(16));
    }
    return token(r, 64 + r.below(240));
  }

  private static String token(Rng r, int length) {
    StringBuilder b = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      b.append(r.chance(75) ? r.charOf(ALNUM) : r.charOf(TOKEN_SYMBOLS));
    }
    return b.toString();
  }

  private static String recase(Rng r, String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      b.append(r.chance(50) ? Character.toLowerCase(c) : Character.toUpperCase(c));
    }
    return b.toString();
  }

  // ------------------------------------------------------------------------------ request ID

  private static String requestId(Rng r) {
    int p = r.percent();
    if (p < 3) {
      return "00000000-0000-0000-0000-000000000000";
    }
    if (p < 5) {
      return "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF";
    }
    StringBuilder b = new StringBuilder(36);
    for (int i = 0; i < 32; i++) {
      if (i == 8 || i == 12 || i == 16 || i == 20) {
        b.append('-');
      }
      b.append(HEX.charAt(r.below(16)));
    }
    String id = b.toString();
    if (p < 75) {
      return id;
    }
    return p < 90 ? id.toUpperCase(Locale.ROOT) : recase(r, id);
  }

  // ------------------------------------------------------------------------------- timestamp

  private static final long FIRST = LocalDateTime.of(1, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
  private static final long LAST =
      LocalDateTime.of(9999, 12, 31, 23, 59, 59).toEpochSecond(ZoneOffset.UTC);
  private static final long[] BOUNDARY_SECONDS = {
    FIRST,
    LAST,
    0L,
    -1L,
    LocalDateTime.of(2000, 2, 29, 0, 0).toEpochSecond(ZoneOffset.UTC),
    LocalDateTime.of(2024, 2, 29, 23, 59, 59).toEpochSecond(ZoneOffset.UTC),
    LocalDateTime.of(1900, 3, 1, 0, 0).toEpochSecond(ZoneOffset.UTC),
    2_147_483_647L,
    2_147_483_648L,
    LocalDateTime.of(2014, 9, 10, 17, 28, 8).toEpochSecond(ZoneOffset.UTC)
  };
  private static final long DAY = 86_400L;

  private static String timestamp(Rng r) {
    long second;
    int p = r.percent();
    if (p < 60) {
      second =
          LocalDateTime.of(2000, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC) + r.below(1_262_304_000);
    } else if (p < 80) {
      second = BOUNDARY_SECONDS[r.below(BOUNDARY_SECONDS.length)];
    } else {
      second = FIRST + Math.floorMod(r.next(), LAST - FIRST + 1);
    }
    int ticks = r.chance(15) ? (r.chance(50) ? 0 : 9_999_999) : r.below(10_000_000);
    int form = r.percent();
    String fraction;
    if (form < 50) {
      fraction = String.format(Locale.ROOT, ".%07d", ticks);
    } else if (form < 70) {
      fraction = String.format(Locale.ROOT, ".%07d", ticks).substring(0, 2 + r.below(6));
    } else if (form < 80) {
      fraction = "";
    } else {
      // an offset: the local time is the instant moved by it; years 0001 and 9999 stay clear
      second = Math.max(FIRST + 2 * DAY, Math.min(LAST - 2 * DAY, second));
      int minutes = offsetMinutes(r);
      LocalDateTime local = LocalDateTime.ofEpochSecond(second + minutes * 60L, 0, ZoneOffset.UTC);
      String digits = String.format(Locale.ROOT, ".%07d", ticks).substring(0, 1 + r.below(8));
      return date(local) + (digits.length() == 1 ? "" : digits) + offset(minutes);
    }
    return date(LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC)) + fraction + "Z";
  }

  private static int offsetMinutes(Rng r) {
    int p = r.percent();
    if (p < 20) {
      return 0;
    }
    if (p < 30) {
      return r.chance(50) ? 14 * 60 : -14 * 60;
    }
    if (p < 45) {
      int[] odd = {330, 345, 570, -210, 765, -570, 1, -1};
      return odd[r.below(odd.length)];
    }
    return (r.below(57) - 28) * 30;
  }

  private static String offset(int minutes) {
    int a = Math.abs(minutes);
    return String.format(Locale.ROOT, "%s%02d:%02d", minutes < 0 ? "-" : "+", a / 60, a % 60);
  }

  private static String date(LocalDateTime t) {
    return String.format(
        Locale.ROOT,
        "%04d-%02d-%02dT%02d:%02d:%02d",
        t.getYear(),
        t.getMonthValue(),
        t.getDayOfMonth(),
        t.getHour(),
        t.getMinute(),
        t.getSecond());
  }

  // ------------------------------------------------------------------------------------ path

  private static String path(Rng r) {
    for (int attempt = 0; ; attempt++) {
      String p = pathOnce(r);
      if (new FuzzInput("k", "GET", "", "", p, "", new byte[0]).unknownRuleCount() <= 1
          || attempt > 8) {
        return attemptFix(p);
      }
    }
  }

  /** A path with both unknown rules loses its non-ASCII characters (a vector has one rule). */
  private static String attemptFix(String p) {
    if (new FuzzInput("k", "GET", "", "", p, "", new byte[0]).unknownRuleCount() <= 1) {
      return p;
    }
    return p.codePoints()
        .filter(c -> c < 0x80)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
        .toString();
  }

  private static String pathOnce(Rng r) {
    int p = r.percent();
    if (p < 4) {
      return "/";
    }
    boolean nonAscii = p >= 4 && p < 16;
    boolean dots = p >= 16 && p < 21;
    StringBuilder b = new StringBuilder();
    int sites = r.chance(50) ? 0 : r.chance(80) ? 1 + r.below(3) : 4 + r.below(9);
    for (int i = 0; i < sites; i++) {
      b.append('/')
          .append(r.chance(60) ? r.pick(SITE_WORDS) : segment(r, nonAscii, 1 + r.below(12)));
    }
    if (r.chance(90)) {
      b.append(r.chance(80) ? "/api/v1" : "/" + recase(r, "api") + "/" + recase(r, "v1"));
    }
    int rest = 1 + r.below(4);
    for (int i = 0; i < rest; i++) {
      b.append('/');
      if (r.chance(5)) {
        continue; // a double slash
      }
      if (dots && r.chance(40)) {
        String[] dot = {".", "..", "%2E", "%2e%2E", ".%2e"};
        b.append(dot[r.below(dot.length)]);
      } else {
        b.append(r.chance(50) ? r.pick(RESOURCES) : segment(r, nonAscii, 1 + r.below(16)));
      }
    }
    if (dots && !FuzzInput.hasDotSegment(b.toString())) {
      b.append(r.chance(50) ? "/." : "/..");
    }
    if (r.chance(10)) {
      b.append('/');
    }
    if (nonAscii && b.chars().noneMatch(c -> c > 0x7F)) {
      b.append('/').appendCodePoint(nonAscii(r));
    }
    if (r.chance(3)) {
      // a long path
      while (b.length() < 1000 + r.below(3000)) {
        b.append('/').append(segment(r, nonAscii, 8));
      }
    }
    return b.toString();
  }

  private static String segment(Rng r, boolean nonAscii, int length) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < length; i++) {
      int p = r.percent();
      if (p < 45) {
        b.append(r.charOf(LETTERS));
      } else if (p < 55) {
        b.append(r.charOf(DIGITS));
      } else if (p < 62) {
        b.append(r.charOf("-_~."));
      } else if (p < 70) {
        b.append(r.charOf(SUB_DELIMS));
      } else if (p < 74) {
        b.append(r.charOf(":@"));
      } else if (p < 88 || !nonAscii) {
        b.append(percentEscape(r));
      } else {
        b.appendCodePoint(nonAscii(r));
      }
    }
    return b.toString();
  }

  private static String percentEscape(Rng r) {
    int p = r.percent();
    String[] special = {"%2F", "%2f", "%25", "%2E", "%20", "%00", "%C3%A9", "%c3%A9", "%3F", "%23"};
    if (p < 30) {
      return special[r.below(special.length)];
    }
    String hex = String.format(Locale.ROOT, "%02X", r.below(256));
    if (p < 65) {
      return "%" + hex;
    }
    if (p < 90) {
      return "%" + hex.toLowerCase(Locale.ROOT);
    }
    return "%" + recase(r, hex);
  }

  private static int nonAscii(Rng r) {
    if (r.chance(25)) {
      return SPECIAL_CASING[r.below(SPECIAL_CASING.length)];
    }
    int[] range = NON_ASCII[r.below(NON_ASCII.length)];
    return range[0] + r.below(range[1] - range[0] + 1);
  }

  // ----------------------------------------------------------------------------------- query

  private static String query(Rng r) {
    int p = r.percent();
    if (p < 35) {
      return "";
    }
    if (p < 40) {
      String[] odd = {"&", "=", "=1", "a=1&&b=2", "a=1&", "&a", "includeNotes", "a=", "?", "??a=1"};
      return odd[r.below(odd.length)];
    }
    int params = 1 + r.below(6);
    StringBuilder b = new StringBuilder();
    String repeated = null;
    for (int i = 0; i < params; i++) {
      if (i > 0) {
        b.append(r.chance(92) ? "&" : r.chance(50) ? "&&" : ";");
      }
      String name =
          repeated != null && r.chance(40)
              ? repeated
              : r.chance(60)
                  ? r.pick(
                      List.of("issueNumbers", "IncludeNotes", "q", "ids[]", "name", "pageSize"))
                  : word(r, 1 + r.below(8));
      repeated = name;
      b.append(name);
      if (r.chance(90)) {
        b.append('=').append(queryValue(r, r.below(20)));
      }
    }
    if (r.chance(5)) {
      b.append('&');
    }
    return b.toString();
  }

  private static String word(Rng r, int length) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < length; i++) {
      b.append(r.charOf(WORD));
    }
    return b.toString();
  }

  private static String queryValue(Rng r, int length) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < length; i++) {
      int p = r.percent();
      if (p < 50) {
        b.append(r.charOf(ALNUM));
      } else if (p < 62) {
        b.append(r.charOf("!$'()*+,;:@/?-._~="));
      } else if (p < 82) {
        b.append(percentEscape(r));
      } else if (p < 88) {
        b.append('+');
      } else {
        b.appendCodePoint(nonAscii(r));
      }
    }
    return b.toString();
  }

  // ------------------------------------------------------------------------------------ body

  private static byte[] body(Rng r) {
    int p = r.percent();
    if (p < 22) {
      return new byte[0];
    }
    int size;
    int q = r.below(10_000);
    if (q < 5) {
      int[] edges = {64 * KIB - 1, 64 * KIB, 64 * KIB + 1, MIB};
      size = edges[r.below(edges.length)];
    } else if (q < 10) {
      size = 64 * KIB + r.below(MIB - 64 * KIB);
    } else if (q < 110) {
      size = 8 * KIB + r.below(56 * KIB);
    } else if (q < 1_000) {
      size = 257 + r.below(8 * KIB - 257);
    } else if (q < 2_000) {
      int[] edges = {1, 2, 127, 128, 129, 255, 256};
      size = edges[r.below(edges.length)];
    } else {
      size = 1 + r.below(256);
    }
    byte[] content;
    if (p < 32) {
      content = randomBytes(r, Math.min(size, 4096)); // not UTF-8, almost surely
    } else {
      content = text(r, Math.min(size, 8192), p < 40);
    }
    return fill(content, size);
  }

  private static byte[] text(Rng r, int size, boolean withInvalidUtf8) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(size + 16);
    if (r.chance(5)) {
      out.writeBytes("\uFEFF".getBytes(StandardCharsets.UTF_8));
    }
    while (out.size() < size) {
      int p = r.percent();
      if (p < 35) {
        out.writeBytes(r.pick(BODY_PIECES).getBytes(StandardCharsets.UTF_8));
      } else if (p < 75) {
        out.writeBytes(word(r, 1 + r.below(12)).getBytes(StandardCharsets.UTF_8));
      } else if (p < 90) {
        out.writeBytes(new String(Character.toChars(nonAscii(r))).getBytes(StandardCharsets.UTF_8));
      } else if (withInvalidUtf8 && p < 95) {
        out.writeBytes(NOT_UTF8[r.below(NOT_UTF8.length)]);
      } else {
        out.write(r.below(0x20));
      }
    }
    byte[] b = out.toByteArray();
    if (r.chance(10)) {
      // ends in a lone CR
      b[b.length - 1] = '\r';
    }
    return b;
  }

  private static byte[] randomBytes(Rng r, int size) {
    byte[] b = new byte[size];
    for (int i = 0; i < size; i++) {
      b[i] = (byte) r.below(256);
    }
    return b;
  }

  /** {@code content} repeated (or cut) to exactly {@code size} bytes. */
  private static byte[] fill(byte[] content, int size) {
    if (content.length == size) {
      return content;
    }
    byte[] out = new byte[size];
    for (int at = 0; at < size; at += content.length) {
      System.arraycopy(content, 0, out, at, Math.min(content.length, size - at));
    }
    return out;
  }

  // ------------------------------------------------------------------------------------- key

  private static String key(Rng r) {
    int p = r.percent();
    if (p < 40) {
      return Base64.getEncoder().encodeToString(randomBytes(r, 32));
    }
    if (p < 47) {
      return Base64.getEncoder().encodeToString(randomBytes(r, 64 + r.below(64)));
    }
    if (p < 55) {
      String[] ws = {" ", "\t", "\n", "\r\n", "  "};
      String k = Base64.getEncoder().encodeToString(randomBytes(r, 32));
      String w = ws[r.below(ws.length)];
      int where = r.below(3);
      return where == 0 ? w + k : where == 1 ? k + w : w + k + w;
    }
    if (p < 63) {
      StringBuilder b = new StringBuilder();
      int n = 1 + r.below(40);
      for (int i = 0; i < n; i++) {
        if (r.chance(50)) {
          b.appendCodePoint(nonAscii(r));
        } else {
          b.append(r.charOf(ALNUM));
        }
      }
      return b.toString();
    }
    if (p < 75) {
      // longer than the 128-byte block, or at its edge, ASCII or multibyte
      int bytes = r.chance(40) ? 127 + r.below(3) : 129 + r.below(400);
      StringBuilder b = new StringBuilder();
      int[] pieces = r.chance(50) ? new int[] {'a', 'b'} : new int[] {0xE9, 0x4E2D, 0x1F511, 'a'};
      for (int length = 0; length < bytes; ) {
        int cp = pieces[r.below(pieces.length)];
        b.appendCodePoint(cp);
        length += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      }
      if (r.chance(30)) {
        int codePoints = b.codePointCount(0, b.length());
        b.insert(b.offsetByCodePoints(0, r.below(codePoints)), '\u0000');
      }
      return b.toString();
    }
    if (p < 80) {
      String[] odd = {"k", "0", "\u0000", "k\u0000ey", "k\"e\\y", "====", "é", "🔑", " "};
      return odd[r.below(odd.length)];
    }
    if (p < 90) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < 64; i++) {
        b.append(HEX.charAt(r.below(16)));
      }
      return b.toString();
    }
    StringBuilder b = new StringBuilder();
    int n = 1 + r.below(80);
    for (int i = 0; i < n; i++) {
      b.append((char) (0x20 + r.below(0x5F)));
    }
    return b.toString();
  }

  /**
   * SplitMix64: small, fast, and specified here so that an input depends on the seed alone, never
   * on the JVM's own random number generators.
   */
  private static final class Rng {
    private long state;

    Rng(long seed) {
      this.state = seed;
    }

    long next() {
      long z = (state += 0x9E3779B97F4A7C15L);
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      return z ^ (z >>> 31);
    }

    /** Uniform in [0, bound). */
    int below(int bound) {
      return (int) Math.floorMod(next(), (long) bound);
    }

    int percent() {
      return below(100);
    }

    boolean chance(int percent) {
      return below(100) < percent;
    }

    char charOf(String chars) {
      return chars.charAt(below(chars.length()));
    }

    <T> T pick(List<T> list) {
      return list.get(below(list.size()));
    }
  }
}
