// A signing Issuetrak API v1 client on HttpClient. Bodies are JSON text the caller serializes
// (System.Text.Json, Newtonsoft.Json, ...): the client signs and sends exactly those bytes.

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;

namespace Issuetrak.Client
{
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

        /// <summary>A string like <c>GET</c>.</summary>
        public string Method { get; }

        /// <summary>The absolute URL requested, e.g. <c>http://127.0.0.1:8089/api/v1/notes/1</c>.</summary>
        public string Url { get; }

        public int StatusCode { get; }

        /// <summary>The response body as text (JSON from the API).</summary>
        public string ResponseText { get; }

        public bool IsSuccess => StatusCode >= 200 && StatusCode <= 299;

        public override string ToString() => $"{Method} {Url} -> {StatusCode}";
    }

    /// <summary>
    /// Signs and sends Issuetrak API v1 requests: <c>await client.GetNoteAsync(1)</c> sends
    /// <c>GET {base}/notes/1</c>. One HttpClient per instance: HTTP/1.1, no redirects, no cookies, a
    /// timeout. A non-2xx answer is returned, not thrown.
    /// </summary>
    public sealed class IssuetrakApiClient : IDisposable
    {
        /// <summary>The content type sent with a body, and only with a body.</summary>
        public const string JsonContentType = "application/json; charset=utf-8";

        private readonly ClientOptions options;
        private readonly IssuetrakSigner signer;
        private readonly HttpClient http;

        public IssuetrakApiClient(ClientOptions options)
        {
            this.options = options ?? throw new ArgumentNullException(nameof(options));
            signer = new IssuetrakSigner(options.Key);
            // No redirects: a redirect would resend the signed headers to a URL they were not signed for.
            var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
            http = new HttpClient(handler) { Timeout = options.Timeout };
        }

        /// <summary><c>GET {base}/issues/{includeNotes}/{issueNumber}</c>, e.g. <c>/issues/false/1</c>.</summary>
        public Task<ApiResponse> GetIssueAsync(int issueNumber, bool includeNotes = false)
        {
            return SendAsync("GET", $"/issues/{Flag(includeNotes)}/{Positive(issueNumber, nameof(issueNumber))}");
        }

        /// <summary><c>GET {base}/issues/{includeNotes}/?issueNumbers=1,2,3</c>, in the order given.</summary>
        public Task<ApiResponse> GetIssuesAsync(IEnumerable<int> issueNumbers, bool includeNotes = false)
        {
            string list = string.Join(",", issueNumbers.Select(n => Positive(n, nameof(issueNumbers))));
            if (list.Length == 0)
            {
                throw new ArgumentException("issueNumbers is empty; give at least one issue number");
            }
            return SendAsync("GET", $"/issues/{Flag(includeNotes)}/", "issueNumbers=" + list);
        }

        /// <summary><c>POST {base}/issues</c> with a CreateIssueDTO as JSON; the answer is the new number.</summary>
        public Task<ApiResponse> CreateIssueAsync(string issueJson) => SendJsonAsync("POST", "/issues", issueJson);

        /// <summary><c>PUT {base}/issues</c> with the issue as read, less its read-only fields, changed.</summary>
        public Task<ApiResponse> UpdateIssueAsync(string issueJson) => SendJsonAsync("PUT", "/issues", issueJson);

        /// <summary><c>POST {base}/issues/search</c> with a SearchIssueDTO as JSON.</summary>
        public Task<ApiResponse> SearchIssuesAsync(string searchJson)
        {
            return SendJsonAsync("POST", "/issues/search", searchJson);
        }

        /// <summary><c>GET {base}/notes/{noteId}</c> (the vendor's <c>GetNoteForNoteIDAsync</c>).</summary>
        public Task<ApiResponse> GetNoteAsync(int noteId)
        {
            return SendAsync("GET", $"/notes/{Positive(noteId, nameof(noteId))}");
        }

        /// <summary><c>GET {base}/notes/issue/{issueNumber}</c>: the notes of one issue.</summary>
        public Task<ApiResponse> GetNotesOfIssueAsync(int issueNumber)
        {
            return SendAsync("GET", $"/notes/issue/{Positive(issueNumber, nameof(issueNumber))}");
        }

        /// <summary><c>POST {base}/notes</c> with a CreateNoteDTO as JSON.</summary>
        public Task<ApiResponse> CreateNoteAsync(string noteJson) => SendJsonAsync("POST", "/notes", noteJson);

        /// <summary>
        /// Signs and sends one request to any route: <paramref name="route"/> starts with '/' and is
        /// appended to the base URL; <paramref name="query"/> is sent and signed raw, without '?';
        /// <paramref name="body"/> is the exact bytes to send, or null for no body (and no Content-Type).
        /// </summary>
        public async Task<ApiResponse> SendAsync(string method, string route, string query = "", byte[] body = null)
        {
            if (route == null || !route.StartsWith("/", StringComparison.Ordinal))
            {
                throw new ArgumentException($"route {CanonicalMessage.Quote(route)} must start with /, e.g. /notes/1");
            }
            var uri = new Uri(options.BaseUrl + route + (string.IsNullOrEmpty(query) ? "" : "?" + query));

            // Sign what HttpClient puts on the request line (the Uri's escaped path and query), so that
            // the path and query signed are the ones sent.
            string sentQuery = uri.Query.Length > 0 ? uri.Query.Substring(1) : "";
            SignedRequest signed = signer.Sign(method,
                                               options.NextRequestId(),
                                               IssuetrakTimestamp.Format(options.Clock()),
                                               uri.AbsolutePath,
                                               sentQuery,
                                               body ?? new byte[0]);

            using (var request = new HttpRequestMessage(new HttpMethod(method), uri))
            {
                request.Version = HttpVersion.Version11;
                foreach (KeyValuePair<string, string> header in signed.Headers)
                {
                    request.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
                request.Headers.TryAddWithoutValidation("Accept", "application/json");
                if (body != null)
                {
                    // The same array that was signed; the content type set verbatim.
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

        public void Dispose() => http.Dispose();

        public override string ToString() => $"IssuetrakApiClient({options.BaseUrl}, {options.Key})";

        private Task<ApiResponse> SendJsonAsync(string method, string route, string json)
        {
            if (json == null)
            {
                throw new ArgumentNullException(nameof(json), "the body is null; give the JSON text to send");
            }
            return SendAsync(method, route, "", Utf8.Encode(json, "JSON body", showValue: false));
        }

        private static string Flag(bool value) => value ? "true" : "false";

        private static string Positive(int value, string name)
        {
            if (value < 1)
            {
                throw new ArgumentOutOfRangeException(name, value, $"{name} {value} must be 1 or more");
            }
            return value.ToString(CultureInfo.InvariantCulture);
        }
    }
}
