// The sample client: what the vendor's .NET sample does (get a note by its ID), signed with
// IssuetrakSigner, sent with HttpClient. Standard library only.

using System;
using System.Collections;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Issuetrak.Signing;

namespace Issuetrak.Sample
{
    /// <summary>A setting that is missing or malformed; the message names the variable and the rule.</summary>
    public sealed class ConfigurationException : Exception
    {
        public ConfigurationException(string message) : base(message) { }
    }

    /// <summary>
    /// What the client needs: the site's API base URL (site folders and <c>/api/v1</c> included), the
    /// key, a clock and a request-ID source (both injectable for reproducible runs) and a timeout.
    /// </summary>
    public sealed class ClientOptions
    {
        public const string BaseUrlVariable = "ITK_BASE_URL";
        public const string ApiKeyVariable = "ITK_API_KEY";
        public const string RequestIdVariable = "ITK_REQUEST_ID";
        public const string TimestampVariable = "ITK_TIMESTAMP";

        private static readonly Regex LowercaseUuid = new Regex(
            "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", RegexOptions.CultureInvariant);

        public ClientOptions(string baseUrl, ApiKey key, Func<DateTime> clock, Func<string> nextRequestId, TimeSpan timeout)
        {
            if (key == null) throw new ArgumentNullException("key");
            if (clock == null) throw new ArgumentNullException("clock");
            if (nextRequestId == null) throw new ArgumentNullException("nextRequestId");
            BaseUrl = ParseBaseUrl(baseUrl, "base URL");
            Key = key;
            Clock = clock;
            NextRequestId = nextRequestId;
            Timeout = timeout;
        }

        /// <summary>The base URL without a trailing '/', e.g. <c>http://127.0.0.1:8089/NestedSite1/api/v1</c>.</summary>
        public string BaseUrl { get; private set; }
        public ApiKey Key { get; private set; }
        /// <summary>Returns the current time in UTC; read once per request.</summary>
        public Func<DateTime> Clock { get; private set; }
        /// <summary>Returns the request ID for the next request; called once per request.</summary>
        public Func<string> NextRequestId { get; private set; }
        public TimeSpan Timeout { get; private set; }

        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

        /// <summary>A new random lowercase UUID per request (the default request-ID source).</summary>
        public static string RandomRequestId()
        {
            return Guid.NewGuid().ToString("D").ToLowerInvariant();
        }

        /// <summary>
        /// Reads ITK_BASE_URL and ITK_API_KEY (required), ITK_REQUEST_ID and ITK_TIMESTAMP
        /// (optional fixed values); throws <see cref="ConfigurationException"/> naming the variable.
        /// </summary>
        public static ClientOptions FromEnvironment(IDictionary env)
        {
            string baseUrl = ParseBaseUrl(Required(env, BaseUrlVariable,
                "set it to the site's API base URL, e.g. http://127.0.0.1:8089/api/v1"), BaseUrlVariable);

            // The key is used exactly as given: not trimmed, not decoded, never echoed.
            string keyText = Required(env, ApiKeyVariable, "set it to the API key text as issued by Issuetrak");
            ApiKey key;
            try
            {
                key = ApiKey.Of(keyText);
            }
            catch (ArgumentException e)
            {
                throw new ConfigurationException(ApiKeyVariable + ": " + e.Message);
            }

            Func<string> nextRequestId = RandomRequestId;
            string fixedId = env[RequestIdVariable] as string;
            if (!string.IsNullOrEmpty(fixedId))
            {
                if (!LowercaseUuid.IsMatch(fixedId))
                {
                    throw new ConfigurationException(RequestIdVariable + " " + CanonicalMessage.Quote(fixedId) +
                        " is not a lowercase UUID (8-4-4-4-12 hex digits, e.g. c3838d04-46f8-43d6-92fd-62b3d0b59f3e)");
                }
                nextRequestId = () => fixedId;
            }

            Func<DateTime> clock = () => DateTime.UtcNow;
            string fixedTime = env[TimestampVariable] as string;
            if (!string.IsNullOrEmpty(fixedTime))
            {
                DateTime instant;
                try
                {
                    instant = IssuetrakTimestamp.ParseInstant(fixedTime);
                }
                catch (FormatException e)
                {
                    throw new ConfigurationException(TimestampVariable + ": " + e.Message +
                        ", e.g. 2014-09-10T17:28:08.322735199Z");
                }
                clock = () => instant;
            }

            return new ClientOptions(baseUrl, key, clock, nextRequestId, DefaultTimeout);
        }

        private static string Required(IDictionary env, string name, string hint)
        {
            string value = env[name] as string;
            if (string.IsNullOrEmpty(value))
            {
                throw new ConfigurationException(name + " is not set; " + hint);
            }
            return value;
        }

        /// <summary>
        /// Checks an absolute http(s) URL with no user info, query or fragment, and drops one trailing
        /// '/' so that routes are appended without doubling it.
        /// </summary>
        internal static string ParseBaseUrl(string text, string name)
        {
            Uri uri;
            string rule = null;
            if (string.IsNullOrEmpty(text) || !Uri.TryCreate(text, UriKind.Absolute, out uri))
            {
                rule = "is not an absolute URL";
            }
            else if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            {
                rule = "must use http or https";
            }
            else if (uri.UserInfo.Length > 0)
            {
                rule = "must not contain user info (the key authenticates the request)";
            }
            else if (uri.Query.Length > 0 || uri.Fragment.Length > 0 || text.IndexOfAny(new[] { '?', '#' }) >= 0)
            {
                rule = "must not have a query or fragment";
            }
            if (rule != null)
            {
                // A URL with user info may hold a password: do not echo it.
                string shown = text != null && text.Contains("@") ? "(not shown: it has user info)" : CanonicalMessage.Quote(text);
                throw new ConfigurationException(name + " " + shown + " " + rule +
                    "; give the site's API base URL, e.g. http://127.0.0.1:8089/NestedSite1/api/v1");
            }
            return text.EndsWith("/", StringComparison.Ordinal) ? text.Substring(0, text.Length - 1) : text;
        }
    }

    /// <summary>The outcome of one request: what was sent where, and what came back.</summary>
    public sealed class ApiResponse
    {
        public ApiResponse(string method, string url, int statusCode, string responseText)
        {
            Method = method;
            Url = url;
            StatusCode = statusCode;
            ResponseText = responseText;
        }

        public string Method { get; private set; }
        /// <summary>The absolute URL requested, e.g. <c>http://127.0.0.1:8089/api/v1/notes/1</c>.</summary>
        public string Url { get; private set; }
        public int StatusCode { get; private set; }
        public string ResponseText { get; private set; }
        public bool IsSuccess { get { return StatusCode >= 200 && StatusCode <= 299; } }
    }

    /// <summary>
    /// A signing Issuetrak API v1 client: <c>GetNoteForNoteIdAsync(1)</c> sends
    /// <c>GET {base}/notes/1</c>. One HttpClient per instance: HTTP/1.1, no redirects, a timeout.
    /// </summary>
    public sealed class IssuetrakApiClient : IDisposable
    {
        /// <summary>The content type sent with a body (never with a GET).</summary>
        public const string JsonContentType = "application/json; charset=utf-8";

        private readonly ClientOptions options;
        private readonly IssuetrakSigner signer;
        private readonly HttpClient http;

        public IssuetrakApiClient(ClientOptions options)
        {
            if (options == null) throw new ArgumentNullException("options");
            this.options = options;
            signer = new IssuetrakSigner(options.Key);
            var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
            http = new HttpClient(handler) { Timeout = options.Timeout };
        }

        /// <summary>Retrieves one note: <c>GET {base}/notes/{noteId}</c> (the vendor's GetNoteForNoteIDAsync).</summary>
        public Task<ApiResponse> GetNoteForNoteIdAsync(int noteId)
        {
            if (noteId < 1)
            {
                throw new ArgumentOutOfRangeException("noteId", noteId, "note ID " + noteId + " must be 1 or more");
            }
            return SendAsync("GET", "/notes/" + noteId.ToString(CultureInfo.InvariantCulture), "", null);
        }

        /// <summary>
        /// Signs and sends one request. <paramref name="route"/> starts with '/' and is appended to
        /// the base URL; <paramref name="query"/> is sent and signed raw, without '?'; <paramref name="body"/>
        /// is the exact bytes to send (null for none).
        /// </summary>
        public async Task<ApiResponse> SendAsync(string method, string route, string query, byte[] body)
        {
            if (route == null || !route.StartsWith("/", StringComparison.Ordinal))
            {
                throw new ArgumentException("route " + CanonicalMessage.Quote(route) + " must start with /, e.g. /notes/1");
            }
            var uri = new Uri(options.BaseUrl + route + (string.IsNullOrEmpty(query) ? "" : "?" + query));

            // Sign what HttpClient puts on the request line (the Uri's escaped path and query), so
            // that the path and query signed are the ones sent.
            string sentQuery = uri.Query.Length > 0 ? uri.Query.Substring(1) : "";
            string requestId = options.NextRequestId();
            string timestamp = IssuetrakTimestamp.Format(options.Clock());
            byte[] bytes = body ?? new byte[0];
            SignedRequest signed = signer.Sign(method, requestId, timestamp, uri.AbsolutePath, sentQuery, bytes);

            using (var request = new HttpRequestMessage(new HttpMethod(method), uri))
            {
                request.Version = HttpVersion.Version11;
                foreach (var header in signed.Headers)
                {
                    request.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
                if (body != null)
                {
                    // The same array that was signed; the content type is set verbatim.
                    request.Content = new ByteArrayContent(body);
                    request.Content.Headers.TryAddWithoutValidation("Content-Type", JsonContentType);
                }
                using (HttpResponseMessage response = await http.SendAsync(request).ConfigureAwait(false))
                {
                    string text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                    return new ApiResponse(method, uri.AbsoluteUri, (int)response.StatusCode, text);
                }
            }
        }

        public void Dispose()
        {
            http.Dispose();
        }
    }
}
