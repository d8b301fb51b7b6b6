// The runner-protocol adapter (docs/runner-protocol.md): newline-delimited JSON on standard input
// and output, one process for the whole run. JSON via System.Runtime.Serialization.Json, which maps
// JSON to an XML infoset (each value is an element with a "type" attribute).

using System;
using System.Collections.Generic;
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
                    case "scenario": return Scenario(seq, command);
                    case "stop": return ProtocolJson.Result(seq);
                    default: throw new ArgumentException("unknown command " + CanonicalMessage.Quote(cmd) +
                                                         "; this adapter speaks start, sign, scenario and stop");
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

        private static XElement[] Sign(XElement input)
        {
            if (input == null) throw new ArgumentException("sign command has no input");
            string bodyText = ProtocolJson.Optional(input, "body");
            string bodyBase64 = ProtocolJson.Optional(input, "bodyBase64");
            if ((bodyText == null) == (bodyBase64 == null))
            {
                throw new ArgumentException("sign input must have exactly one of body and bodyBase64");
            }
            byte[] body = bodyText != null ? Utf8.Encode(bodyText, "body", false) : Convert.FromBase64String(bodyBase64);

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
