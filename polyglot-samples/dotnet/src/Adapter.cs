// The runner-protocol adapter (docs/runner-protocol.md): newline-delimited JSON on standard input
// and output, one process for the whole run. JSON via System.Runtime.Serialization.Json, which maps
// JSON to an XML infoset (each value is an element with a "type" attribute).

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Runtime.Serialization.Json;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Issuetrak.Sample;
using Issuetrak.Signing;

namespace Issuetrak.Harness
{
    /// <summary>Reads commands from <c>input</c>, writes one answer line per command to <c>output</c>.</summary>
    public sealed class Adapter
    {
        public const string Language = "dotnet";
        public const string Implementation = "polyglot-samples/dotnet";

        /// <summary>The scenarios the vendor's .NET sample does; the others are answered skipped.</summary>
        private static readonly string[] Scenarios = { "get-note" };

        private static readonly Dictionary<string, string> NotDone = new Dictionary<string, string>
        {
            { "get-issue", "retrieve an issue" },
            { "update-issue", "update an issue" },
            { "create-issue", "submit an issue" },
            { "create-note", "create a note" },
            { "get-issues-by-number-list", "retrieve issues by number list" },
        };

        private readonly TextReader input;
        private readonly Stream output;
        private readonly TextWriter log;

        public Adapter(TextReader input, Stream output, TextWriter log)
        {
            this.input = input;
            this.output = output;
            this.log = log;
        }

        /// <summary>Runs until <c>stop</c> or end of input; returns the exit status.</summary>
        public int Run()
        {
            string line;
            while ((line = input.ReadLine()) != null)
            {
                if (line.Trim().Length == 0) continue;
                XElement command;
                long seq;
                try
                {
                    command = ProtocolJson.Parse(line);
                    seq = long.Parse(ProtocolJson.Required(command, "seq"), NumberStyles.Integer, CultureInfo.InvariantCulture);
                }
                catch (Exception e)
                {
                    // Without a seq no answer can be matched: the harness treats this as broken.
                    log.WriteLine("adapter: a command is not JSON with an integer seq: " + e);
                    return 2;
                }
                string cmd = ProtocolJson.Optional(command, "cmd");
                Write(Answer(seq, cmd, command));
                if (cmd == "stop") return 0;
            }
            return 0;
        }

        private XElement Answer(long seq, string cmd, XElement command)
        {
            try
            {
                switch (cmd)
                {
                    case "start": return ProtocolJson.Result(seq, Start());
                    case "sign": return ProtocolJson.Result(seq, Sign(command.Element("input")));
                    case "bench": return ProtocolJson.Result(seq, Bench(command));
                    case "scenario": return Scenario(seq, command);
                    case "stop": return ProtocolJson.Result(seq);
                    default: throw new ArgumentException("unknown command " + CanonicalMessage.Quote(cmd) +
                                                         "; this adapter speaks start, sign, bench, scenario and stop");
                }
            }
            catch (Exception e)
            {
                string trace = e.ToString();
                log.WriteLine("adapter: seq " + seq + " (" + cmd + ") errored: " + trace);
                return ProtocolJson.Errored(seq, e.Message, trace);
            }
        }

        private static XElement[] Start()
        {
            return new[]
            {
                ProtocolJson.Number("protocolVersion", 1),
                ProtocolJson.String("language", Language),
                ProtocolJson.String("implementation", Implementation),
                ProtocolJson.String("runtime", RuntimeName()),
                ProtocolJson.Array("scenarios", Scenarios.Select(s => ProtocolJson.String("item", s))),
            };
        }

        /// <summary>E.g. "Mono 6.8.0.105" or ".NET 8.0.1", read from the running runtime.</summary>
        internal static string RuntimeName()
        {
            string description = RuntimeInformation.FrameworkDescription.Trim();
            int paren = description.IndexOf(" (", StringComparison.Ordinal);
            return paren > 0 ? description.Substring(0, paren) : description;
        }

        /// <summary>The body bytes of a sign or bench input: <c>body</c> as UTF-8, or <c>bodyBase64</c> decoded.</summary>
        private static byte[] BodyOf(XElement input)
        {
            string bodyText = ProtocolJson.Optional(input, "body");
            string bodyBase64 = ProtocolJson.Optional(input, "bodyBase64");
            if ((bodyText == null) == (bodyBase64 == null))
            {
                throw new ArgumentException("the input must have exactly one of body and bodyBase64");
            }
            return bodyText != null ? Utf8.Encode(bodyText, "body", false) : Convert.FromBase64String(bodyBase64);
        }

        private static XElement[] Sign(XElement input)
        {
            if (input == null) throw new ArgumentException("sign command has no input");
            byte[] body = BodyOf(input);

            var signer = new IssuetrakSigner(ApiKey.Of(ProtocolJson.Required(input, "key")));
            SignedRequest signed = signer.Sign(
                ProtocolJson.Required(input, "method"),
                ProtocolJson.Required(input, "requestId"),
                ProtocolJson.Required(input, "timestamp"),
                ProtocolJson.Required(input, "path"),
                ProtocolJson.Required(input, "query"),
                body);

            var result = new List<XElement>
            {
                ProtocolJson.String("messageBase64", Convert.ToBase64String(signed.Message)),
                ProtocolJson.String("signature", signed.Signature),
                ProtocolJson.Object("headers", signed.Headers.Select(h => ProtocolJson.String(h.Key, h.Value))),
            };
            string instant = ProtocolJson.Optional(input, "instant");
            if (instant != null)
            {
                result.Add(ProtocolJson.String("formattedTimestamp",
                    IssuetrakTimestamp.Format(IssuetrakTimestamp.ParseInstant(instant))));
            }
            return result.ToArray();
        }

        /// <summary>
        /// Times <see cref="IssuetrakSigner.Sign"/> on one input with the monotonic Stopwatch: warms
        /// up for warmupMillis, then measures until at least <c>iterations</c> signatures and
        /// <c>durationMillis</c> have passed. One operation is what the sample client does per
        /// request: its signer (made once, with the client) builds the canonical message, computes the
        /// HMAC-SHA512 and its base64.
        /// </summary>
        private static XElement[] Bench(XElement command)
        {
            XElement input = command.Element("input");
            if (input == null) throw new ArgumentException("bench command has no input");
            byte[] body = BodyOf(input);
            var signer = new IssuetrakSigner(ApiKey.Of(ProtocolJson.Required(input, "key")));
            string method = ProtocolJson.Required(input, "method");
            string requestId = ProtocolJson.Required(input, "requestId");
            string timestamp = ProtocolJson.Required(input, "timestamp");
            string path = ProtocolJson.Required(input, "path");
            string query = ProtocolJson.Required(input, "query");
            long iterations = Count(command, "iterations");
            long durationTicks = Count(command, "durationMillis") * Stopwatch.Frequency / 1000;
            long warmupTicks = Count(command, "warmupMillis") * Stopwatch.Frequency / 1000;

            var clock = Stopwatch.StartNew();
            SignedRequest signed = signer.Sign(method, requestId, timestamp, path, query, body);
            while (clock.ElapsedTicks < warmupTicks)
            {
                signer.Sign(method, requestId, timestamp, path, query, body);
            }
            long operations = 0;
            long elapsed;
            clock.Restart();
            do
            {
                signed = signer.Sign(method, requestId, timestamp, path, query, body);
                operations++;
                elapsed = clock.ElapsedTicks;
            }
            while (operations < iterations || elapsed < durationTicks);
            long elapsedNanos = (long)(elapsed * (1e9 / Stopwatch.Frequency));
            return new[]
            {
                ProtocolJson.Number("operations", operations),
                ProtocolJson.Number("elapsedNanos", elapsedNanos),
                ProtocolJson.String("signature", signed.Signature),
            };
        }

        /// <summary>A non-negative integer member of the command, e.g. <c>iterations</c>.</summary>
        private static long Count(XElement command, string name)
        {
            return long.Parse(ProtocolJson.Required(command, name), NumberStyles.None, CultureInfo.InvariantCulture);
        }

        private XElement Scenario(long seq, XElement command)
        {
            string name = ProtocolJson.Required(command, "name");
            if (!Scenarios.Contains(name))
            {
                string what;
                return ProtocolJson.Skipped(seq, NotDone.TryGetValue(name, out what)
                    ? "the vendor's .NET sample only gets a note by ID (GetNoteForNoteIDAsync); it does not " + what
                    : "unknown scenario " + CanonicalMessage.Quote(name) + "; the vendor's .NET sample only gets a note by ID");
            }

            string timestamp = ProtocolJson.Required(command, "timestamp");
            DateTime instant = IssuetrakTimestamp.ParseInstant(timestamp);
            if (IssuetrakTimestamp.Format(instant) != timestamp)
            {
                throw new ArgumentException("scenario timestamp " + CanonicalMessage.Quote(timestamp) +
                    " is not in the form this client sends, yyyy-MM-ddTHH:mm:ss.fffffffZ");
            }
            XElement ids = command.Element("requestIds");
            List<string> requestIds = ids == null ? new List<string>() : ids.Elements().Select(e => e.Value).ToList();
            int used = 0;
            Func<string> nextRequestId = () =>
            {
                if (used >= requestIds.Count)
                {
                    throw new InvalidOperationException("scenario " + name + " needs request " + (used + 1) +
                        " but the command gave " + requestIds.Count + " request IDs");
                }
                return requestIds[used++];
            };

            var options = new ClientOptions(ProtocolJson.Required(command, "baseUrl"),
                ApiKey.Of(ProtocolJson.Required(command, "key")), () => instant, nextRequestId,
                ClientOptions.DefaultTimeout);
            var responses = new List<ApiResponse>();
            using (var client = new IssuetrakApiClient(options))
            {
                // get-note: GET {base}/notes/1, as the vendor's sample does with its note ID.
                responses.Add(client.GetNoteForNoteIdAsync(1).GetAwaiter().GetResult());
            }
            return ProtocolJson.Result(seq, ProtocolJson.Array("requests", responses.Select(r =>
                ProtocolJson.Object("item", new[]
                {
                    ProtocolJson.String("method", r.Method),
                    ProtocolJson.String("url", r.Url),
                    ProtocolJson.Number("status", r.StatusCode),
                }))));
        }

        private void Write(XElement answer)
        {
            byte[] json = ProtocolJson.Serialize(answer);
            output.Write(json, 0, json.Length);
            output.WriteByte((byte)'\n');
            output.Flush();
        }
    }
}
