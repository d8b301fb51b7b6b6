// What the client needs, and how a program reads it from the environment.

using System;
using System.Collections;
using System.Text.RegularExpressions;

namespace Issuetrak.Client
{
    /// <summary>A setting that is missing or malformed; the message names the variable and the rule.</summary>
    public sealed class ConfigurationException : Exception
    {
        public ConfigurationException(string message) : base(message)
        {
        }
    }

    /// <summary>
    /// The site's API base URL (site folders and <c>/api/v1</c> included), the key, a clock and a
    /// request-ID source (both injectable for reproducible runs) and a timeout:
    /// <c>new ClientOptions("https://host/HelpDesk/api/v1", ApiKey.Of(text))</c>.
    /// </summary>
    public sealed class ClientOptions
    {
        public const string BaseUrlVariable = "ITK_BASE_URL";
        public const string ApiKeyVariable = "ITK_API_KEY";
        public const string RequestIdVariable = "ITK_REQUEST_ID";
        public const string TimestampVariable = "ITK_TIMESTAMP";

        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

        private static readonly Regex LowercaseUuid =
            new Regex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

        public ClientOptions(string baseUrl, ApiKey key, Func<DateTime> clock = null, Func<string> nextRequestId = null,
                             TimeSpan? timeout = null)
        {
            BaseUrl = ParseBaseUrl(baseUrl, "base URL");
            Key = key ?? throw new ArgumentNullException(nameof(key));
            Clock = clock ?? (() => DateTime.UtcNow);
            NextRequestId = nextRequestId ?? RandomRequestId;
            Timeout = timeout ?? DefaultTimeout;
        }

        /// <summary>The base URL without a trailing '/', e.g.
        /// <c>http://127.0.0.1:8089/NestedSite1/api/v1</c>.</summary>
        public string BaseUrl { get; }

        public ApiKey Key { get; }

        /// <summary>Returns the current time in UTC; read once per request.</summary>
        public Func<DateTime> Clock { get; }

        /// <summary>Returns the request ID for the next request; called once per request.</summary>
        public Func<string> NextRequestId { get; }

        public TimeSpan Timeout { get; }

        /// <summary>A new random lowercase UUID (the default request-ID source).</summary>
        public static string RandomRequestId() => Guid.NewGuid().ToString("D");

        /// <summary>
        /// Reads ITK_BASE_URL and ITK_API_KEY (required), ITK_REQUEST_ID and ITK_TIMESTAMP (optional
        /// fixed values) from <c>Environment.GetEnvironmentVariables()</c>; throws
        /// <see cref="ConfigurationException"/> naming the variable.
        /// </summary>
        public static ClientOptions FromEnvironment(IDictionary env)
        {
            string baseUrl =
                Required(env, BaseUrlVariable, "set it to the site's API base URL, e.g. http://127.0.0.1:8089/api/v1");
            // The key is used exactly as given: not trimmed, not decoded, never echoed.
            string keyText = Required(env, ApiKeyVariable, "set it to the API key text as issued by Issuetrak");
            ApiKey key;
            try
            {
                key = ApiKey.Of(keyText);
            }
            catch (ArgumentException e)
            {
                throw new ConfigurationException($"{ApiKeyVariable}: {e.Message}");
            }

            Func<string> nextRequestId = null;
            if (env[RequestIdVariable] is string fixedId && fixedId.Length > 0)
            {
                if (!LowercaseUuid.IsMatch(fixedId))
                {
                    throw new ConfigurationException(
                        $"{RequestIdVariable} {CanonicalMessage.Quote(fixedId)} is not a lowercase UUID " +
                        "(8-4-4-4-12 hex digits, e.g. c3838d04-46f8-43d6-92fd-62b3d0b59f3e)");
                }
                nextRequestId = () => fixedId;
            }

            Func<DateTime> clock = null;
            if (env[TimestampVariable] is string fixedTime && fixedTime.Length > 0)
            {
                DateTime instant;
                try
                {
                    instant = IssuetrakTimestamp.ParseInstant(fixedTime);
                }
                catch (FormatException e)
                {
                    throw new ConfigurationException(
                        $"{TimestampVariable}: {e.Message}, e.g. 2014-09-10T17:28:08.322735199Z");
                }
                clock = () => instant;
            }

            try
            {
                return new ClientOptions(baseUrl, key, clock, nextRequestId);
            }
            catch (ArgumentException e)
            {
                throw new ConfigurationException($"{BaseUrlVariable}: {e.Message}");
            }
        }

        private static string Required(IDictionary env, string name, string hint)
        {
            if (env[name] is string value && value.Length > 0)
            {
                return value;
            }
            throw new ConfigurationException($"{name} is not set; {hint}");
        }

        /// <summary>
        /// Checks an absolute http(s) URL with no user info, query or fragment, and drops one trailing
        /// '/' so that routes are appended without doubling it.
        /// </summary>
        private static string ParseBaseUrl(string text, string name)
        {
            string rule = null;
            if (string.IsNullOrEmpty(text) || !Uri.TryCreate(text, UriKind.Absolute, out Uri uri))
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
            else if (text.IndexOfAny(new[] { '?', '#' }) >= 0)
            {
                rule = "must not have a query or fragment";
            }
            if (rule != null)
            {
                // A URL with user info may hold a password: do not echo it.
                string shown =
                    text != null && text.Contains("@") ? "(not shown: it has user info)" : CanonicalMessage.Quote(text);
                throw new ArgumentException(
                    $"{name} {shown} {rule}; give the site's API base URL, e.g. http://127.0.0.1:8089/NestedSite1/api/v1");
            }
            return text.EndsWith("/", StringComparison.Ordinal) ? text.Substring(0, text.Length - 1) : text;
        }
    }
}
