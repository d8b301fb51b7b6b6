package dev.itk.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The API key on the command line, where every local user sees it in {@code ps}: a warning when
 * {@code --key} is used, and parameter errors that never repeat a key ({@code
 * docs/security.md#secrets}). For example {@code itk stub --kye SECRET} says {@code Unknown option:
 * '--kye'; 1 other argument not shown ...}, where picocli would say {@code Unknown options:
 * '--kye', 'SECRET'}.
 *
 * <p>What an error message never repeats:
 *
 * <ul>
 *   <li>the word after a key-like option (whatever it looks like: a key may start with a dash), and
 *       the value attached to one ({@code --key=VALUE});
 *   <li>an unmatched word that is not an option (a key typed in the wrong place is such a word),
 *       nor, in other errors, a word that is neither an option nor the word after one;
 *   <li>more of an unmatched option than its name: {@code --kye=VALUE} is shown as {@code
 *       --kye=...} and {@code -kVALUE} as {@code -k...} (the rest of a short option may be a
 *       value).
 * </ul>
 *
 * <p>The rule for key-like, chosen to err on the side of hiding: an option word (it starts with a
 * dash) is key-like when it starts with a single dash (a one-letter option could be a misspelling
 * of anything), or when its name (without the dashes and any {@code =VALUE}, in lower case)
 * contains {@code key}, or is at most two edits (a letter inserted, deleted or replaced, or two
 * neighbours swapped) from {@code key} or {@code key-file}. So {@code --kye}, {@code --ky}, {@code
 * --k}, {@code --keyfile}, {@code --api-key} and {@code --test-key} are key-like; no other option
 * of itk is ({@code --id}, {@code --har}, {@code --url} are three edits from {@code key}).
 */
final class KeyArguments {
  /** What {@code --key} on the command line prints to stderr, after the command's name. */
  static final String WARNING =
      "warning: --key puts the key in the process list (ps) for every local user; use --key-file"
          + " FILE or ITK_API_KEY";

  private static final String NOT_SHOWN = "...";
  private static final String WHY_NOT_SHOWN =
      "an argument that is not an option is never repeated, as it could be a key";

  private KeyArguments() {}

  /**
   * Prints {@link #WARNING} to {@code err} when the command that runs was given {@code --key}: one
   * place for every command that accepts it.
   */
  static void warnIfKeyGiven(ParseResult parsed, PrintWriter err) {
    ParseResult command = parsed;
    while (command.hasSubcommand()) {
      command = command.subcommand();
    }
    if (command.commandSpec().findOption("--key") != null && command.hasMatchedOption("--key")) {
      err.println(command.commandSpec().qualifiedName() + ": " + WARNING);
      err.flush();
    }
  }

  /** Whether {@code word} is an option word that is key-like (see the class comment). */
  static boolean isKeyLike(String word) {
    if (!isOptionWord(word)) {
      return false;
    }
    if (!word.startsWith("--")) {
      return true;
    }
    String name = optionName(word).substring(2).toLowerCase(Locale.ROOT);
    return name.contains("key") || edits(name, "key") <= 2 || edits(name, "key-file") <= 2;
  }

  /**
   * The message for a parameter error of a command line: picocli's, without the words the class
   * comment names.
   */
  static String errorMessage(ParameterException e, List<String> args) {
    Set<String> keyValues = keyValues(args);
    if (e instanceof UnmatchedArgumentException unmatched) {
      return unmatched(unmatched, keyValues);
    }
    return withoutWords(String.valueOf(e.getMessage()), keyValues, bareWords(args));
  }

  /** The words of {@code args} that may be a key: those after or attached to a key-like option. */
  static Set<String> keyValues(List<String> args) {
    Set<String> values = new LinkedHashSet<>();
    for (int i = 0; i < args.size(); i++) {
      String word = args.get(i);
      if (!isKeyLike(word)) {
        continue;
      }
      String attached = attachedValue(word);
      if (attached != null) {
        values.add(attached);
      } else if (i + 1 < args.size()) {
        values.add(args.get(i + 1));
      }
    }
    values.remove("");
    return values;
  }

  /**
   * The words of {@code args} that are neither an option nor the word after one: command names, and
   * words typed where none belong ({@code itk help WORD} says "Unknown subcommand 'WORD'").
   */
  private static Set<String> bareWords(List<String> args) {
    Set<String> words = new LinkedHashSet<>();
    boolean optionsEnded = false;
    for (int i = 0; i < args.size(); i++) {
      String word = args.get(i);
      optionsEnded |= word.equals("--");
      String before = i == 0 ? "" : args.get(i - 1);
      boolean valueOfBefore =
          !optionsEnded && isOptionWord(before) && attachedValue(before) == null;
      if ((optionsEnded || !isOptionWord(word)) && !valueOfBefore) {
        words.add(word);
      }
    }
    words.remove("");
    return words;
  }

  private static String unmatched(UnmatchedArgumentException e, Set<String> keyValues) {
    List<String> words = e.getUnmatched();
    CommandSpec spec = e.getCommandLine().getCommandSpec();
    boolean firstShown =
        !words.isEmpty() && isOptionWord(words.get(0)) && !keyValues.contains(words.get(0));
    if (!firstShown && !spec.subcommands().isEmpty()) {
      return "unknown command (not shown: "
          + WHY_NOT_SHOWN
          + "); the commands are "
          + String.join(", ", spec.subcommands().keySet());
    }
    List<String> options = new ArrayList<>();
    int hidden = 0;
    for (String word : words) {
      if (isOptionWord(word) && !keyValues.contains(word)) {
        options.add("'" + shownOption(word) + "'");
      } else {
        hidden++;
      }
    }
    StringBuilder out = new StringBuilder();
    if (!options.isEmpty()) {
      out.append(options.size() == 1 ? "Unknown option: " : "Unknown options: ")
          .append(String.join(", ", options));
      if (hidden > 0) {
        out.append("; ")
            .append(hidden)
            .append(hidden == 1 ? " other argument" : " other arguments");
      }
    } else {
      out.append(hidden == 1 ? "1 unmatched argument" : hidden + " unmatched arguments");
    }
    if (hidden > 0) {
      out.append(" not shown (").append(WHY_NOT_SHOWN).append(')');
    }
    if (firstShown && !e.getSuggestions().isEmpty()) {
      out.append("; did you mean ")
          .append(String.join(" or ", e.getSuggestions().stream().limit(3).toList()))
          .append('?');
    }
    return out.toString();
  }

  /**
   * {@code message} with each key value and each bare word replaced by {@code ...} where picocli
   * quotes it ({@code 'VALUE'}) or attaches it ({@code =VALUE}); when a key value is still there, a
   * message without picocli's details.
   */
  private static String withoutWords(String message, Set<String> keyValues, Set<String> bare) {
    String out = message;
    List<String> longestFirst =
        java.util.stream.Stream.concat(keyValues.stream(), bare.stream())
            .distinct()
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList();
    for (String value : longestFirst) {
      out = out.replace("'" + value + "'", "'" + NOT_SHOWN + "'");
      out = out.replace("=" + value, "=" + NOT_SHOWN);
    }
    for (String value : keyValues) {
      if (out.contains(value)) {
        return "the command line is not valid near a key option (the details would repeat the"
            + " word after it, so they are not shown); see --help";
      }
    }
    return out;
  }

  private static boolean isOptionWord(String word) {
    return word.length() > 1 && word.startsWith("-") && !word.equals("--");
  }

  /** {@code --name} of {@code --name=VALUE}; a single-dash word whole. */
  private static String optionName(String word) {
    int eq = word.indexOf('=');
    return word.startsWith("--") && eq > 0 ? word.substring(0, eq) : word;
  }

  /** The value of {@code --name=VALUE}, or what follows the letter of {@code -xVALUE}; or null. */
  private static String attachedValue(String word) {
    if (word.startsWith("--")) {
      int eq = word.indexOf('=');
      return eq < 0 ? null : word.substring(eq + 1);
    }
    return word.length() > 2 ? word.substring(2) : null;
  }

  private static String shownOption(String word) {
    if (word.startsWith("--")) {
      return optionName(word) + (word.indexOf('=') > 0 ? "=" + NOT_SHOWN : "");
    }
    return word.substring(0, 2) + (word.length() > 2 ? NOT_SHOWN : "");
  }

  /**
   * Edits from {@code a} to {@code b}: letters inserted, deleted or replaced, and neighbours
   * swapped (optimal string alignment distance).
   */
  private static int edits(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
