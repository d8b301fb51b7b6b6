// A small JSON reader and writer for the adapter and the tests: Mono has no System.Text.Json, and
// DataContractJsonSerializer's writer escapes '/' and loses the order of unknown members.

using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Issuetrak.Sample
{
    /// <summary>A JSON number kept as written (<c>1</c>, <c>-0.5e3</c>), so that it is written back
    /// unchanged.</summary>
    public sealed class JsonNumber
    {
        public JsonNumber(string text) => Text = text;

        public string Text { get; }

        public override string ToString() => Text;
    }

    /// <summary>
    /// JSON as plain .NET values: an object is an <see cref="OrderedDictionary"/> (members in the
    /// order read), an array a <c>List&lt;object&gt;</c>, then string, bool, <see cref="JsonNumber"/> and
    /// null. <see cref="Write"/> writes compact JSON, raw UTF-8 text, escaping only '"', '\' and
    /// control characters: <c>{"NoteText":"&lt;p&gt;a/b&lt;/p&gt; 😀"}</c>.
    /// </summary>
    public static class Json
    {
        public static object Parse(string text)
        {
            var reader = new Reader(text);
            object value = reader.Value();
            reader.End();
            return value;
        }

        public static string Write(object value)
        {
            var json = new StringBuilder();
            Write(json, value);
            return json.ToString();
        }

        private static void Write(StringBuilder json, object value)
        {
            if (value == null)
            {
                json.Append("null");
            }
            else if (value is string s)
            {
                WriteString(json, s);
            }
            else if (value is bool b)
            {
                json.Append(b ? "true" : "false");
            }
            else if (value is JsonNumber || value is int || value is long)
            {
                json.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
            }
            else if (value is IDictionary members)
            {
                json.Append('{');
                string separator = "";
                foreach (DictionaryEntry member in members)
                {
                    json.Append(separator);
                    separator = ",";
                    WriteString(json, (string)member.Key);
                    json.Append(':');
                    Write(json, member.Value);
                }
                json.Append('}');
            }
            else if (value is IEnumerable items)
            {
                json.Append('[');
                string separator = "";
                foreach (object item in items)
                {
                    json.Append(separator);
                    separator = ",";
                    Write(json, item);
                }
                json.Append(']');
            }
            else
            {
                throw new ArgumentException($"cannot write a {value.GetType()} as JSON");
            }
        }

        private static void WriteString(StringBuilder json, string s)
        {
            json.Append('"');
            foreach (char c in s)
            {
                switch (c)
                {
                    case '"':
                        json.Append("\\\"");
                        break;
                    case '\\':
                        json.Append("\\\\");
                        break;
                    case '\n':
                        json.Append("\\n");
                        break;
                    case '\r':
                        json.Append("\\r");
                        break;
                    case '\t':
                        json.Append("\\t");
                        break;
                    case '\b':
                        json.Append("\\b");
                        break;
                    case '\f':
                        json.Append("\\f");
                        break;
                    default:
                        if (c < ' ')
                        {
                            json.Append($"\\u{(int)c:x4}");
                        }
                        else
                        {
                            json.Append(c);
                        }
                        break;
                }
            }
            json.Append('"');
        }

        private sealed class Reader
        {
            private static readonly Regex NumberShape = new Regex("^-?(0|[1-9][0-9]*)([.][0-9]+)?([eE][+-]?[0-9]+)?$");

            private readonly string text;
            private int at;

            internal Reader(string text) => this.text = text ?? throw new ArgumentNullException(nameof(text));

            internal void End()
            {
                SkipSpace();
                if (at < text.Length)
                {
                    throw Error("unexpected text after the value");
                }
            }

            internal object Value()
            {
                SkipSpace();
                if (at >= text.Length)
                {
                    throw Error("the text ended where a value was expected");
                }
                char c = text[at];
                switch (c)
                {
                    case '{':
                        return Object();
                    case '[':
                        return Array();
                    case '"':
                        return String();
                    case 't':
                        return Literal("true", true);
                    case 'f':
                        return Literal("false", false);
                    case 'n':
                        return Literal("null", null);
                    default:
                        if (c == '-' || (c >= '0' && c <= '9'))
                        {
                            return Number();
                        }
                        throw Error($"unexpected character '{c}'");
                }
            }

            private OrderedDictionary Object()
            {
                var members = new OrderedDictionary(StringComparer.Ordinal);
                at++;
                SkipSpace();
                if (Peek() == '}')
                {
                    at++;
                    return members;
                }
                while (true)
                {
                    SkipSpace();
                    if (Peek() != '"')
                    {
                        throw Error("a member name was expected");
                    }
                    string name = String();
                    SkipSpace();
                    Expect(':');
                    members[name] = Value();
                    SkipSpace();
                    if (Peek() == ',')
                    {
                        at++;
                        continue;
                    }
                    Expect('}');
                    return members;
                }
            }

            private List<object> Array()
            {
                var items = new List<object>();
                at++;
                SkipSpace();
                if (Peek() == ']')
                {
                    at++;
                    return items;
                }
                while (true)
                {
                    items.Add(Value());
                    SkipSpace();
                    if (Peek() == ',')
                    {
                        at++;
                        continue;
                    }
                    Expect(']');
                    return items;
                }
            }

            private string String()
            {
                at++; // the opening quote
                var s = new StringBuilder();
                while (true)
                {
                    if (at >= text.Length)
                    {
                        throw Error("the text ended inside a string");
                    }
                    char c = text[at++];
                    if (c == '"')
                    {
                        return s.ToString();
                    }
                    if (c < ' ')
                    {
                        throw Error($"a string holds the control character U+{(int)c:X4}; it must be escaped");
                    }
                    if (c != '\\')
                    {
                        s.Append(c);
                        continue;
                    }
                    char e = at < text.Length ? text[at++] : '\0';
                    switch (e)
                    {
                        case '"':
                        case '\\':
                        case '/':
                            s.Append(e);
                            break;
                        case 'b':
                            s.Append('\b');
                            break;
                        case 'f':
                            s.Append('\f');
                            break;
                        case 'n':
                            s.Append('\n');
                            break;
                        case 'r':
                            s.Append('\r');
                            break;
                        case 't':
                            s.Append('\t');
                            break;
                        case 'u':
                            if (at + 4 > text.Length || !int.TryParse(text.Substring(at, 4),
                                                                      NumberStyles.AllowHexSpecifier,
                                                                      CultureInfo.InvariantCulture,
                                                                      out int code))
                            {
                                throw Error("\\u must be followed by 4 hex digits");
                            }
                            s.Append((char)code); // a surrogate pair arrives as two escapes, joined here
                            at += 4;
                            break;
                        default:
                            throw Error($"unknown escape \\{e}");
                    }
                }
            }

            private JsonNumber Number()
            {
                int start = at;
                while (at < text.Length && "+-0123456789.eE".IndexOf(text[at]) >= 0)
                {
                    at++;
                }
                string number = text.Substring(start, at - start);
                if (!NumberShape.IsMatch(number))
                {
                    throw Error($"{number} is not a number");
                }
                return new JsonNumber(number);
            }

            private object Literal(string word, object value)
            {
                if (string.CompareOrdinal(text, at, word, 0, word.Length) != 0)
                {
                    throw Error($"'{word}' was expected");
                }
                at += word.Length;
                return value;
            }

            private void Expect(char c)
            {
                if (Peek() != c)
                {
                    throw Error($"'{c}' was expected");
                }
                at++;
            }

            private char Peek() => at < text.Length ? text[at] : '\0';

            private void SkipSpace()
            {
                while (at < text.Length &&
                       (text[at] == ' ' || text[at] == '\t' || text[at] == '\n' || text[at] == '\r'))
                {
                    at++;
                }
            }

            private FormatException Error(string what) => new FormatException($"invalid JSON at offset {at}: {what}");
        }
    }
}
