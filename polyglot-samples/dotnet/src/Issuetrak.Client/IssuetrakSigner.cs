// Issuetrak API v1 request signing (HMAC-SHA512), docs/scheme.md. Pure: the timestamp and the
// request ID are inputs, never read here.

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Issuetrak.Client
{
    /// <summary>
    /// The API key. Its HMAC key is the UTF-8 bytes of the key text exactly as issued: never
    /// base64-decoded, never trimmed. <c>ToString()</c> shows a fingerprint, never the key.
    /// </summary>
    public sealed class ApiKey
    {
        private readonly byte[] bytes;

        private ApiKey(byte[] bytes) => this.bytes = bytes;

        /// <summary>The key text as issued, e.g. <c>dUd4ZzQ3...QQ=</c>; refuses empty text.</summary>
        public static ApiKey Of(string text)
        {
            if (string.IsNullOrEmpty(text))
            {
                throw new ArgumentException("API key is empty; give the key text as issued by Issuetrak");
            }
            // The key's characters never go into a message, only the index of a bad one.
            return new ApiKey(Utf8.Encode(text, "API key", showValue: false));
        }

        /// <summary>A string like <c>sha256:0f1e2d3c4b5a6978</c>: safe to log.</summary>
        public string Fingerprint
        {
            get {
                using (var sha = SHA256.Create())
                {
                    byte[] digest = sha.ComputeHash(bytes);
                    return "sha256:" + BitConverter.ToString(digest, 0, 8).Replace("-", "").ToLowerInvariant();
                }
            }
        }

        internal HMACSHA512 NewHmac() => new HMACSHA512(bytes);

        public override string ToString() => $"ApiKey({Fingerprint})";
    }

    /// <summary>One request's signature and everything that went into it.</summary>
    public sealed class SignedRequest
    {
        private readonly byte[] message;

        internal SignedRequest(string canonicalPath, byte[] message, string signature,
                               IReadOnlyList<KeyValuePair<string, string>> headers)
        {
            CanonicalPath = canonicalPath;
            this.message = message;
            Signature = signature;
            Headers = headers;
        }

        /// <summary>The lowercased path that was signed, e.g. <c>/nestedsite1/api/v1/notes/1</c>.</summary>
        public string CanonicalPath { get; }

        /// <summary>A copy of the exact bytes signed.</summary>
        public byte[] Message => (byte[])message.Clone();

        /// <summary>Standard base64 (padded, 88 characters) of the HMAC-SHA512.</summary>
        public string Signature { get; }

        /// <summary>The three signing headers, in the order they are sent.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }
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

        public IssuetrakSigner(ApiKey key) => this.key = key ?? throw new ArgumentNullException(nameof(key));

        /// <summary>
        /// Signs one request: <paramref name="rawPath"/> is the path as sent (lowercased here),
        /// <paramref name="query"/> the query as sent without '?', <paramref name="body"/> the exact
        /// body bytes sent (empty for none).
        /// </summary>
        public SignedRequest Sign(string method, string requestId, string timestamp, string rawPath, string query,
                                  byte[] body)
        {
            byte[] message = CanonicalMessage.Build(method, requestId, timestamp, rawPath, query, body);
            string signature;
            using (HMACSHA512 hmac = key.NewHmac())
            {
                signature = Convert.ToBase64String(hmac.ComputeHash(message));
            }
            var headers = new[] {
                new KeyValuePair<string, string>(RequestIdHeader, requestId),
                new KeyValuePair<string, string>(TimestampHeader, timestamp),
                new KeyValuePair<string, string>(AuthorizationHeader, signature),
            };
            return new SignedRequest(CanonicalMessage.CanonicalPath(rawPath), message, signature, headers);
        }

        public override string ToString() => $"IssuetrakSigner({key.Fingerprint})";
    }

    /// <summary>
    /// The canonical message: UTF-8(method LF requestId LF timestamp LF lowercase(path) LF query LF)
    /// followed by the body bytes, unchanged (docs/scheme.md#canonical-message).
    /// </summary>
    public static class CanonicalMessage
    {
        // RFC 9110 token; [0-9], not \d, which is Unicode in .NET.
        private static readonly Regex Token = new Regex("^[!#$%&'*+\\-.^_`|~0-9A-Za-z]+$");
        private static readonly Regex Uuid =
            new Regex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
        private static readonly Regex TimestampShape = new Regex(
            "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,7})?(Z|[+-][0-9]{2}:[0-9]{2})$");

        /// <summary>The message bytes; refuses a field that would make it ambiguous or unsendable.</summary>
        public static byte[] Build(string method, string requestId, string timestamp, string rawPath, string query,
                                   byte[] body)
        {
            Require(method != null && Token.IsMatch(method),
                    "method",
                    method,
                    "must be an HTTP token (RFC 9110: letters, digits, !#$%&'*+-.^_`|~), e.g. GET");
            Require(requestId != null && Uuid.IsMatch(requestId),
                    "request ID",
                    requestId,
                    "must be a UUID of 8-4-4-4-12 hex digits, e.g. c3838d04-46f8-43d6-92fd-62b3d0b59f3e");
            Require(timestamp != null && TimestampShape.IsMatch(timestamp),
                    "timestamp",
                    timestamp,
                    "must look like yyyy-MM-ddTHH:mm:ss.fffffffZ (1 to 7 fractional digits or none; Z or +HH:MM)");
            string path = CanonicalPath(rawPath);
            Require(query != null && query.IndexOfAny(new[] { '\r', '\n' }) < 0,
                    "query",
                    query,
                    "must not contain CR or LF");
            if (body == null)
            {
                throw new ArgumentNullException(nameof(body), "body is null; give an empty byte array for no body");
            }

            byte[] head = Utf8.Encode($"{method}\n{requestId}\n{timestamp}\n{path}\n{query}\n", "message", true);
            var message = new byte[head.Length + body.Length];
            Buffer.BlockCopy(head, 0, message, 0, head.Length);
            Buffer.BlockCopy(body, 0, message, head.Length, body.Length);
            return message;
        }

        /// <summary>
        /// The path as signed: the path as sent with ASCII letters lowercased, escapes kept
        /// (<c>/NestedSite1/api/v1/Notes/1</c> becomes <c>/nestedsite1/api/v1/notes/1</c>). A raw
        /// non-ASCII character is refused: how the server lowercases it is unknown (docs/scheme.md),
        /// so it must be sent percent-encoded, as <c>Uri</c> does.
        /// </summary>
        public static string CanonicalPath(string rawPath)
        {
            Require(!string.IsNullOrEmpty(rawPath) && rawPath[0] == '/', "path", rawPath, "must start with /");
            var lower = new StringBuilder(rawPath.Length);
            for (int i = 0; i < rawPath.Length; i++)
            {
                char c = rawPath[i];
                if (c == '?' || c == '#' || c < ' ' || c == '\u007f')
                {
                    throw new ArgumentException(
                        $"path {Quote(rawPath)} has U+{(int)c:X4} at index {i}; a path must not contain '?', '#' or control characters");
                }
                if (c > '\u007f')
                {
                    int codePoint = char.IsSurrogatePair(rawPath, i) ? char.ConvertToUtf32(rawPath, i) : c;
                    throw new ArgumentException(
                        $"path {Quote(rawPath)} has the non-ASCII character U+{codePoint:X4} at index {i}; " +
                        "percent-encode non-ASCII path characters (as UTF-8, e.g. /caf%C3%A9): how the server " +
                        "lowercases raw ones is unknown");
                }
                lower.Append(c >= 'A' && c <= 'Z' ? (char)(c + ('a' - 'A')) : c);
            }
            return lower.ToString();
        }

        private static void Require(bool ok, string field, string value, string rule)
        {
            if (!ok)
            {
                throw new ArgumentException($"{field} {Quote(value)} {rule}");
            }
        }

        /// <summary>A value for an error message, quoted, control characters escaped.</summary>
        internal static string Quote(string value)
        {
            if (value == null)
            {
                return "(null)";
            }
            var quoted = new StringBuilder("\"");
            foreach (char c in value)
            {
                if (c < ' ' || c == '\u007f' || c == '"' || c == '\\')
                {
                    quoted.Append($"\\u{(int)c:x4}");
                }
                else
                {
                    quoted.Append(c);
                }
            }
            return quoted.Append('"').ToString();
        }
    }

    /// <summary>
    /// The request timestamp: UTC, <c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c>, exactly 7 fractional digits,
    /// truncated to the 100 ns tick (never rounded).
    /// </summary>
    public static class IssuetrakTimestamp
    {
        private const string Pattern = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffff'Z'";
        private static readonly Regex Instant =
            new Regex("^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\\.([0-9]{1,9}))?Z$");

        /// <summary>A UTC time as the header text, e.g. <c>2014-09-10T17:28:08.3227351Z</c>.</summary>
        public static string Format(DateTime utc)
        {
            if (utc.Kind != DateTimeKind.Utc)
            {
                throw new ArgumentException(
                    $"timestamp {utc.ToString("o", CultureInfo.InvariantCulture)} is not UTC (Kind {utc.Kind}); " +
                    "give DateTime.UtcNow or a UTC value");
            }
            // DateTime holds 100 ns ticks, so the 7 digits are exact: nothing to round.
            return utc.ToString(Pattern, CultureInfo.InvariantCulture);
        }

        /// <summary>
        /// Parses an ISO-8601 UTC instant with up to 9 fractional digits, truncating to the tick:
        /// <c>2014-09-10T17:28:08.322735199Z</c> is 17:28:08.3227351. .NET's own parsers stop at 7.
        /// </summary>
        public static DateTime ParseInstant(string text)
        {
            Match m = text == null ? Match.Empty : Instant.Match(text);
            if (!m.Success)
            {
                throw new FormatException($"instant {CanonicalMessage.Quote(text)} is not " +
                                          "yyyy-MM-ddTHH:mm:ss[.f up to 9 digits]Z (UTC, 'Z', ASCII digits)");
            }
            try
            {
                var t =
                    new DateTime(Int(m, 1), Int(m, 2), Int(m, 3), Int(m, 4), Int(m, 5), Int(m, 6), DateTimeKind.Utc);
                string fraction = (m.Groups[7].Value + "0000000").Substring(0, 7); // digits 8 and 9 truncated
                return t.AddTicks(long.Parse(fraction, NumberStyles.None, CultureInfo.InvariantCulture));
            }
            catch (ArgumentOutOfRangeException)
            {
                throw new FormatException($"instant {CanonicalMessage.Quote(text)} is not a date and time that " +
                                          "exists (years 0001 to 9999, second 0 to 59)");
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
                string shown = showValue ? " " + CanonicalMessage.Quote(text) : "";
                throw new ArgumentException(
                    $"{field}{shown} has an unpaired surrogate at index {e.Index}; it has no UTF-8 encoding");
            }
        }
    }
}
