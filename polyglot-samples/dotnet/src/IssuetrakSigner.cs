// Issuetrak API v1 request signing (HMAC-SHA512), standard library only.
//
// Pure: the timestamp and the request ID are inputs, never read here. Each stage is a value
// (canonical path, canonical message bytes, signature, headers). Rules: docs/scheme.md.

using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Issuetrak.Signing
{
    /// <summary>
    /// The API key. Its HMAC key is the UTF-8 bytes of the key text exactly as issued: never
    /// base64-decoded, never trimmed. <c>ToString()</c> shows a fingerprint, never the key.
    /// </summary>
    public sealed class ApiKey
    {
        private readonly byte[] bytes;

        private ApiKey(byte[] bytes)
        {
            this.bytes = bytes;
        }

        /// <summary>The key text as issued, e.g. <c>dUd4ZzQ3...QQ=</c>; refuses empty text.</summary>
        public static ApiKey Of(string text)
        {
            if (string.IsNullOrEmpty(text))
            {
                throw new ArgumentException("API key is empty; give the key text as issued by Issuetrak");
            }
            // The key's characters never go into a message: only the index of the bad one.
            return new ApiKey(Utf8.Encode(text, "API key", false));
        }

        /// <summary>HMAC-SHA512 of <paramref name="message"/> with this key.</summary>
        public byte[] Mac(byte[] message)
        {
            using (var hmac = new HMACSHA512(bytes))
            {
                return hmac.ComputeHash(message);
            }
        }

        /// <summary>A string like <c>sha256:0f1e2d3c4b5a6978</c>: safe to log.</summary>
        public string Fingerprint()
        {
            using (var sha = SHA256.Create())
            {
                byte[] digest = sha.ComputeHash(bytes);
                var sb = new StringBuilder("sha256:");
                for (int i = 0; i < 8; i++)
                {
                    sb.Append(digest[i].ToString("x2", CultureInfo.InvariantCulture));
                }
                return sb.ToString();
            }
        }

        public override string ToString()
        {
            return "ApiKey(" + Fingerprint() + ")";
        }
    }

    /// <summary>One request's signature and everything that went into it.</summary>
    public sealed class SignedRequest
    {
        internal SignedRequest(string canonicalPath, byte[] message, string signature,
                               IList<KeyValuePair<string, string>> headers)
        {
            CanonicalPath = canonicalPath;
            this.message = message;
            Signature = signature;
            Headers = new ReadOnlyCollection<KeyValuePair<string, string>>(headers);
        }

        private readonly byte[] message;

        /// <summary>The lowercased path that was signed, e.g. <c>/nestedsite1/api/v1/notes/1</c>.</summary>
        public string CanonicalPath { get; private set; }

        /// <summary>A copy of the exact bytes signed.</summary>
        public byte[] Message { get { return (byte[])message.Clone(); } }

        /// <summary>Standard base64 (padded, 88 characters) of the HMAC-SHA512.</summary>
        public string Signature { get; private set; }

        /// <summary>The three signing headers, in the order they are sent.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> Headers { get; private set; }
    }

    /// <summary>
    /// Signs Issuetrak API v1 requests: <c>new IssuetrakSigner(ApiKey.Of(text)).Sign("GET",
    /// requestId, timestamp, "/api/v1/notes/1", "", new byte[0])</c>.
    /// </summary>
    public sealed class IssuetrakSigner
    {
        public const string RequestIdHeader = "X-Issuetrak-API-Request-ID";
        public const string TimestampHeader = "X-Issuetrak-API-Timestamp";
        public const string AuthorizationHeader = "X-Issuetrak-API-Authorization";

        private readonly ApiKey key;

        public IssuetrakSigner(ApiKey key)
        {
            if (key == null)
            {
                throw new ArgumentNullException("key");
            }
            this.key = key;
        }

        /// <summary>
        /// Signs one request: <paramref name="rawPath"/> is the path as sent (it is lowercased
        /// here), <paramref name="query"/> the query as sent without '?', <paramref name="body"/>
        /// the exact body bytes sent (empty for none).
        /// </summary>
        public SignedRequest Sign(string method, string requestId, string timestamp, string rawPath,
                                  string query, byte[] body)
        {
            byte[] message = CanonicalMessage.Build(method, requestId, timestamp, rawPath, query, body);
            string signature = Convert.ToBase64String(key.Mac(message));
            var headers = new List<KeyValuePair<string, string>>
            {
                new KeyValuePair<string, string>(RequestIdHeader, requestId),
                new KeyValuePair<string, string>(TimestampHeader, timestamp),
                new KeyValuePair<string, string>(AuthorizationHeader, signature),
            };
            return new SignedRequest(CanonicalMessage.CanonicalPath(rawPath), message, signature, headers);
        }

        public override string ToString()
        {
            return "IssuetrakSigner(" + key.Fingerprint() + ")";
        }
    }

    /// <summary>
    /// The canonical message: UTF-8(method LF requestId LF timestamp LF lowercase(path) LF query LF)
    /// followed by the body bytes, unchanged (docs/scheme.md#canonical-message).
    /// </summary>
    public static class CanonicalMessage
    {
        // RFC 9110 token; ASCII digits and letters only ([0-9], not \d, which is Unicode in .NET).
        private static readonly Regex Token = new Regex("^[!#$%&'*+\\-.^_`|~0-9A-Za-z]+$", RegexOptions.CultureInvariant);
        private static readonly Regex Uuid = new Regex(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", RegexOptions.CultureInvariant);
        private static readonly Regex TimestampShape = new Regex(
            "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,7})?(Z|[+-][0-9]{2}:[0-9]{2})$",
            RegexOptions.CultureInvariant);

        /// <summary>The message bytes; refuses a field that would make it ambiguous or unsendable.</summary>
        public static byte[] Build(string method, string requestId, string timestamp, string rawPath,
                                   string query, byte[] body)
        {
            Require(method != null && Token.IsMatch(method), "method", method,
                    "must be an HTTP token (RFC 9110: letters, digits, !#$%&'*+-.^_`|~), e.g. GET");
            Require(requestId != null && Uuid.IsMatch(requestId), "request ID", requestId,
                    "must be a UUID of 8-4-4-4-12 hex digits, e.g. c3838d04-46f8-43d6-92fd-62b3d0b59f3e");
            Require(timestamp != null && TimestampShape.IsMatch(timestamp), "timestamp", timestamp,
                    "must look like yyyy-MM-ddTHH:mm:ss.fffffffZ (1 to 7 fractional digits or none; Z or +HH:MM)");
            string path = CanonicalPath(rawPath);
            Require(query != null && query.IndexOfAny(new[] { '\r', '\n' }) < 0, "query", query,
                    "must not contain CR or LF");
            if (body == null)
            {
                throw new ArgumentNullException("body", "body is null; give an empty byte array for no body");
            }

            string head = method + "\n" + requestId + "\n" + timestamp + "\n" + path + "\n" + query + "\n";
            byte[] headBytes = Utf8.Encode(head, "message", true);
            var message = new byte[headBytes.Length + body.Length];
            Buffer.BlockCopy(headBytes, 0, message, 0, headBytes.Length);
            Buffer.BlockCopy(body, 0, message, headBytes.Length, body.Length);
            return message;
        }

        /// <summary>
        /// The path as signed: the raw path as sent, lowercased locale-independently, escapes kept
        /// (<c>/NestedSite1/api/v1/Notes/1</c> becomes <c>/nestedsite1/api/v1/notes/1</c>).
        /// </summary>
        public static string CanonicalPath(string rawPath)
        {
            Require(!string.IsNullOrEmpty(rawPath) && rawPath[0] == '/', "path", rawPath, "must start with /");
            for (int i = 0; i < rawPath.Length; i++)
            {
                char c = rawPath[i];
                if (c == '?' || c == '#' || c < ' ' || c == '\u007f')
                {
                    throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                        "path {0} has U+{1:X4} at index {2}; a path must not contain '?', '#' or control characters",
                        Quote(rawPath), (int)c, i));
                }
            }
            return UnicodeLowercase.Lower(rawPath);
        }

        private static void Require(bool ok, string field, string value, string rule)
        {
            if (!ok)
            {
                throw new ArgumentException(field + " " + Quote(value) + " " + rule);
            }
        }

        internal static string Quote(string value)
        {
            if (value == null)
            {
                return "(null)";
            }
            var sb = new StringBuilder("\"");
            foreach (char c in value)
            {
                if (c < ' ' || c == '\u007f' || c == '"' || c == '\\')
                {
                    sb.AppendFormat(CultureInfo.InvariantCulture, "\\u{0:x4}", (int)c);
                }
                else
                {
                    sb.Append(c);
                }
            }
            return sb.Append('"').ToString();
        }
    }

    /// <summary>
    /// The request timestamp: UTC, <c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c>, exactly 7 fractional
    /// digits, truncated to the 100 ns tick (never rounded).
    /// </summary>
    public static class IssuetrakTimestamp
    {
        private const string Pattern = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffff'Z'";
        private static readonly Regex Instant = new Regex(
            "^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\\.([0-9]{1,9}))?Z$",
            RegexOptions.CultureInvariant);

        /// <summary>A UTC time as the header text, e.g. <c>2014-09-10T17:28:08.3227351Z</c>.</summary>
        public static string Format(DateTime utc)
        {
            if (utc.Kind != DateTimeKind.Utc)
            {
                throw new ArgumentException("timestamp " + utc.ToString("o", CultureInfo.InvariantCulture) +
                                            " is not UTC (Kind " + utc.Kind + "); give DateTime.UtcNow or a UTC value");
            }
            // DateTime holds 100 ns ticks, so the 7 digits are exact: nothing to round.
            return utc.ToString(Pattern, CultureInfo.InvariantCulture);
        }

        /// <summary>
        /// Parses an ISO-8601 UTC instant with up to 9 fractional digits, truncating to the tick:
        /// <c>2014-09-10T17:28:08.322735199Z</c> is 17:28:08.3227351.
        /// </summary>
        public static DateTime ParseInstant(string text)
        {
            Match m = text == null ? Match.Empty : Instant.Match(text);
            if (!m.Success)
            {
                throw new FormatException("instant " + CanonicalMessage.Quote(text) +
                    " is not yyyy-MM-ddTHH:mm:ss[.f up to 9 digits]Z (UTC, 'Z', ASCII digits)");
            }
            try
            {
                var t = new DateTime(Int(m, 1), Int(m, 2), Int(m, 3), Int(m, 4), Int(m, 5), Int(m, 6), DateTimeKind.Utc);
                string fraction = (m.Groups[7].Value + "0000000").Substring(0, 7);  // truncate digits 8 and 9
                return t.AddTicks(long.Parse(fraction, NumberStyles.None, CultureInfo.InvariantCulture));
            }
            catch (ArgumentOutOfRangeException)
            {
                throw new FormatException("instant " + CanonicalMessage.Quote(text) +
                    " is not a date and time that exists (years 0001 to 9999, second 0 to 59)");
            }
        }

        private static int Int(Match m, int group)
        {
            return int.Parse(m.Groups[group].Value, NumberStyles.None, CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Strict UTF-8: an unpaired surrogate is refused, never replaced by U+FFFD.</summary>
    internal static class Utf8
    {
        private static readonly UTF8Encoding Strict = new UTF8Encoding(false, true);

        internal static byte[] Encode(string text, string field, bool showValue)
        {
            try
            {
                return Strict.GetBytes(text);
            }
            catch (EncoderFallbackException e)
            {
                throw new ArgumentException(field + (showValue ? " " + CanonicalMessage.Quote(text) : "") +
                    " has an unpaired surrogate at index " + e.Index + "; it has no UTF-8 encoding");
            }
        }
    }

    /// <summary>
    /// Locale-independent full lowercasing as Python's <c>str.lower()</c> does it (Unicode 14, the
    /// generator of the vectors; Java's <c>toLowerCase(Locale.ROOT)</c> agrees on the vectors): per
    /// code point, supplementary planes included, U+0130 to "i\u0307", and the Greek final sigma rule
    /// (see IsCased for its limit). .NET's invariant lowercasing has no final sigma and no U+0130
    /// full mapping, and Mono's casing tables predate Unicode 5.1 (no U+1E9E, no Kelvin sign, no
    /// supplementary letters), so every simple mapping Mono lacks is listed here and applied first.
    /// Checked against Python 3.11 for every code point.
    /// </summary>
    internal static class UnicodeLowercase
    {
        // (first, last, delta) for ranges that map by a constant offset.
        private static readonly int[,] Ranges =
        {
            { 0x13A0, 0x13EF, 0xAB70 - 0x13A0 },   // Cherokee
            { 0x13F0, 0x13F5, 8 },
            { 0x1C90, 0x1CBA, 0x10D0 - 0x1C90 },   // Georgian Mtavruli
            { 0x1CBD, 0x1CBF, 0x10D0 - 0x1C90 },
            { 0x10400, 0x10427, 0x28 },            // Deseret
            { 0x104B0, 0x104D3, 0x28 },            // Osage
            { 0x10570, 0x1057A, 0x27 },            // Vithkuqi (with gaps)
            { 0x1057C, 0x1058A, 0x27 },
            { 0x1058C, 0x10592, 0x27 },
            { 0x10594, 0x10595, 0x27 },
            { 0x10C80, 0x10CB2, 0x40 },            // Old Hungarian
            { 0x118A0, 0x118BF, 0x20 },            // Warang Citi
            { 0x16E40, 0x16E5F, 0x20 },            // Medefaidrin
            { 0x1E900, 0x1E921, 0x22 },            // Adlam
        };

        // Upper/lower pairs at even code points (the upper is even, the lower is next).
        private static readonly int[,] EvenPairs =
        {
            { 0x0524, 0x052E }, { 0xA660, 0xA660 }, { 0xA698, 0xA69A }, { 0xA790, 0xA792 },
            { 0xA796, 0xA7A8 }, { 0xA7B4, 0xA7C2 }, { 0xA7D0, 0xA7D0 }, { 0xA7D6, 0xA7D8 },
        };

        private static readonly Dictionary<int, int> Singles = new Dictionary<int, int>
        {
            { 0x01C5, 0x01C6 }, { 0x01C8, 0x01C9 }, { 0x01CB, 0x01CC }, { 0x01F2, 0x01F3 },
            { 0x037F, 0x03F3 }, { 0x03F4, 0x03B8 }, { 0x10C7, 0x2D27 }, { 0x10CD, 0x2D2D },
            { 0x1E9E, 0x00DF }, { 0x2126, 0x03C9 }, { 0x212A, 0x006B }, { 0x212B, 0x00E5 },
            { 0x2C2F, 0x2C5F }, { 0x2C70, 0x0252 }, { 0x2C7E, 0x023F }, { 0x2C7F, 0x0240 },
            { 0x2CEB, 0x2CEC }, { 0x2CED, 0x2CEE }, { 0x2CF2, 0x2CF3 }, { 0xA78D, 0x0265 },
            { 0xA7AA, 0x0266 }, { 0xA7AB, 0x025C }, { 0xA7AC, 0x0261 }, { 0xA7AD, 0x026C },
            { 0xA7AE, 0x026A }, { 0xA7B0, 0x029E }, { 0xA7B1, 0x0287 }, { 0xA7B2, 0x029D },
            { 0xA7B3, 0xAB53 }, { 0xA7C4, 0xA794 }, { 0xA7C5, 0x0282 }, { 0xA7C6, 0x1D8E },
            { 0xA7C7, 0xA7C8 }, { 0xA7C9, 0xA7CA }, { 0xA7F5, 0xA7F6 },
        };

        // Word_Break MidLetter, MidNumLet and Single_Quote: case-ignorable besides the categories.
        private const string IgnorablePunctuation =
            "'.:\u00B7\u0387\u055F\u05F4\u2018\u2019\u2024\u2027\uFE13\uFE52\uFE55\uFF07\uFF0E\uFF1A";

        internal static string Lower(string s)
        {
            // Fast path: ASCII only (the usual path).
            bool ascii = true;
            foreach (char c in s)
            {
                if (c > 0x7F) { ascii = false; break; }
            }
            if (ascii)
            {
                var chars = s.ToCharArray();
                for (int i = 0; i < chars.Length; i++)
                {
                    if (chars[i] >= 'A' && chars[i] <= 'Z') chars[i] = (char)(chars[i] + 32);
                }
                return new string(chars);
            }

            var sb = new StringBuilder(s.Length);
            for (int i = 0; i < s.Length; i += CharCount(s, i))
            {
                int cp = CodePoint(s, i);
                if (cp == 0x0130)
                {
                    sb.Append("i\u0307");
                }
                else if (cp == 0x03A3)
                {
                    sb.Append(IsFinalSigma(s, i) ? '\u03C2' : '\u03C3');
                }
                else
                {
                    int lower = SimpleLower(cp);
                    // A lone surrogate is kept as is here; UTF-8 encoding refuses it later.
                    sb.Append(lower > 0xFFFF ? char.ConvertFromUtf32(lower) : ((char)lower).ToString());
                }
            }
            return sb.ToString();
        }

        private static int SimpleLower(int cp)
        {
            int mapped;
            if (Singles.TryGetValue(cp, out mapped)) return mapped;
            for (int r = 0; r < Ranges.GetLength(0); r++)
            {
                if (cp >= Ranges[r, 0] && cp <= Ranges[r, 1]) return cp + Ranges[r, 2];
            }
            for (int r = 0; r < EvenPairs.GetLength(0); r++)
            {
                if (cp >= EvenPairs[r, 0] && cp <= EvenPairs[r, 1] && cp % 2 == 0) return cp + 1;
            }
            if (cp > 0xFFFF || char.IsSurrogate((char)cp)) return cp;  // lone surrogates stay as they are
            return char.ToLowerInvariant((char)cp);
        }

        // Unicode Final_Sigma: a cased letter before (skipping case-ignorables), none after.
        private static bool IsFinalSigma(string s, int index)
        {
            int i = index;
            bool casedBefore = false;
            while (i > 0)
            {
                i -= (i >= 2 && char.IsSurrogatePair(s[i - 2], s[i - 1])) ? 2 : 1;
                if (IsCaseIgnorable(s, i)) continue;
                casedBefore = IsCased(s, i);
                break;
            }
            if (!casedBefore) return false;
            for (int j = index + 1; j < s.Length; j += CharCount(s, j))
            {
                if (IsCaseIgnorable(s, j)) continue;
                return !IsCased(s, j);
            }
            return true;
        }

        // Cased and case-ignorable come from the runtime's Unicode categories (Mono's are old), so
        // a sigma next to a letter or mark newer than those tables may differ from Python and Java.
        private static bool IsCased(string s, int i)
        {
            UnicodeCategory c = CharUnicodeInfo.GetUnicodeCategory(s, i);
            return c == UnicodeCategory.UppercaseLetter || c == UnicodeCategory.LowercaseLetter ||
                   c == UnicodeCategory.TitlecaseLetter || SimpleLower(CodePoint(s, i)) != CodePoint(s, i);
        }

        private static bool IsCaseIgnorable(string s, int i)
        {
            if (IgnorablePunctuation.IndexOf(s[i]) >= 0) return true;
            switch (CharUnicodeInfo.GetUnicodeCategory(s, i))
            {
                case UnicodeCategory.NonSpacingMark:
                case UnicodeCategory.EnclosingMark:
                case UnicodeCategory.Format:
                case UnicodeCategory.ModifierLetter:
                case UnicodeCategory.ModifierSymbol:
                    return true;
                default:
                    return false;
            }
        }

        private static int CharCount(string s, int i)
        {
            return (i + 1 < s.Length && char.IsSurrogatePair(s[i], s[i + 1])) ? 2 : 1;
        }

        private static int CodePoint(string s, int i)
        {
            return CharCount(s, i) == 2 ? char.ConvertToUtf32(s[i], s[i + 1]) : s[i];
        }
    }
}
