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

    /// <summary>The JSON of the protocol, through JsonReaderWriterFactory's XML mapping.</summary>
    internal static class ProtocolJson
    {
        private static readonly UTF8Encoding Utf8NoBom = new UTF8Encoding(false);

        internal static XElement Parse(string line)
        {
            byte[] bytes = Utf8NoBom.GetBytes(line);
            using (XmlDictionaryReader reader = JsonReaderWriterFactory.CreateJsonReader(bytes, XmlDictionaryReaderQuotas.Max))
            {
                reader.MoveToContent();
                XElement root = ReadElement(reader);
                if ((string)root.Attribute("type") != "object") throw new FormatException("a command must be a JSON object");
                return root;
            }
        }

        /// <summary>
        /// One element and its content. Not XElement.Load: the JSON reader yields one text node per
        /// escape in a string, and Mono's XElement.Load joins them by repeated concatenation, which
        /// is quadratic (45 s for a 1 MiB body with 70,000 line feeds). Here they go into one
        /// StringBuilder.
        /// </summary>
        private static XElement ReadElement(XmlReader reader)
        {
            var element = new XElement(XName.Get(reader.LocalName, reader.NamespaceURI));
            if (reader.MoveToFirstAttribute())
            {
                do
                {
                    element.SetAttributeValue(XName.Get(reader.LocalName, reader.NamespaceURI), reader.Value);
                }
                while (reader.MoveToNextAttribute());
                reader.MoveToElement();
            }
            if (reader.IsEmptyElement)
            {
                reader.Read();
                return element;
            }
            reader.Read();
            var text = new StringBuilder();
            bool hasText = false;
            while (reader.NodeType != XmlNodeType.EndElement)
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element:
                        element.Add(ReadElement(reader));
                        break;
                    case XmlNodeType.Text:
                    case XmlNodeType.CDATA:
                    case XmlNodeType.Whitespace:
                    case XmlNodeType.SignificantWhitespace:
                        text.Append(reader.Value);
                        hasText = true;
                        reader.Read();
                        break;
                    case XmlNodeType.None:
                        throw new FormatException("the JSON ended inside a value");
                    default:
                        reader.Read();
                        break;
                }
            }
            if (hasText)
            {
                element.Add(new XText(text.ToString()));
            }
            reader.Read();
            return element;
        }

        internal static byte[] Serialize(XElement root)
        {
            using (var buffer = new MemoryStream())
            {
                using (XmlDictionaryWriter writer = JsonReaderWriterFactory.CreateJsonWriter(buffer, Utf8NoBom, false))
                {
                    root.WriteTo(writer);
                }
                return buffer.ToArray();
            }
        }

        /// <summary>A string member's value, or null when absent or JSON null.</summary>
        internal static string Optional(XElement parent, string name)
        {
            XElement e = parent.Element(name);
            return e == null || (string)e.Attribute("type") == "null" ? null : e.Value;
        }

        internal static string Required(XElement parent, string name)
        {
            string value = Optional(parent, name);
            if (value == null) throw new ArgumentException("the command has no " + name);
            return value;
        }

        internal static XElement Result(long seq, params XElement[] members)
        {
            return Answer(seq, Object("result", members));
        }

        internal static XElement Skipped(long seq, string reason)
        {
            return Answer(seq, Object("skipped", new[] { String("reason", reason) }));
        }

        internal static XElement Errored(long seq, string message, string stderr)
        {
            return Answer(seq, Object("errored", new[] { String("message", message), String("stderr", stderr) }));
        }

        private static XElement Answer(long seq, XElement outcome)
        {
            return Object("root", new[] { Number("seq", seq), outcome });
        }

        internal static XElement String(string name, string value)
        {
            return new XElement(name, new XAttribute("type", "string"), value);
        }

        internal static XElement Number(string name, long value)
        {
            return new XElement(name, new XAttribute("type", "number"), value.ToString(CultureInfo.InvariantCulture));
        }

        internal static XElement Object(string name, IEnumerable<XElement> members)
        {
            return new XElement(name, new XAttribute("type", "object"), members);
        }

        internal static XElement Array(string name, IEnumerable<XElement> items)
        {
            return new XElement(name, new XAttribute("type", "array"), items);
        }
    }
}
