// The runner-protocol adapter (docs/runner-protocol.md): newline-delimited JSON on standard input
// and output, one process for the whole run. It signs and sends with the Issuetrak.Client library.

using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Tasks;
using Issuetrak.Client;

namespace Issuetrak.Sample
{
    /// <summary>Reads commands from <c>input</c>, writes one answer line per command to <c>output</c>.</summary>
    public sealed class Adapter
    {
        public const string Language = "dotnet";
        public const string Implementation = "polyglot-samples/dotnet";

        /// <summary>Every scenario of fixtures/scenarios.json (the vendor's .NET sample only got a note).</summary>
        private static readonly string[] Scenarios = {
            "get-issue",
            "update-issue",
            "create-issue",
            "create-note",
            "get-note",
            "get-issues-by-number-list",
            "get-issue-notes",
            "search-issues",
            "create-note-markup",
            "get-issue-mixed-case-site",
            "empty-body-post",
            "lookup-issue-types",
        };

        private static readonly UTF8Encoding Utf8NoBom = new UTF8Encoding(false);

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
                if (line.Trim().Length == 0)
                {
                    continue;
                }
                OrderedDictionary command;
                long seq;
                try
                {
                    command = (OrderedDictionary)Json.Parse(line);
                    seq = long.Parse(
                        Required(command, "seq"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                }
                catch (Exception e)
                {
                    // Without a seq no answer can be matched: the harness treats this as broken.
                    log.WriteLine($"adapter: a command is not a JSON object with an integer seq: {e}");
                    return 2;
                }
                string cmd = command["cmd"] as string;
                Write(Answer(seq, cmd, command));
                if (cmd == "stop")
                {
                    return 0;
                }
            }
            return 0;
        }

        private OrderedDictionary Answer(long seq, string cmd, OrderedDictionary command)
        {
            try
            {
                switch (cmd)
                {
                    case "start":
                        return Result(seq, Start());
                    case "sign":
                        return Result(seq, Sign(Member(command, "input")));
                    case "signBatch":
                        return Result(seq, SignBatch(seq, command));
                    case "bench":
                        return Result(seq, Bench(command));
                    case "scenario":
                        return Result(seq, Scenario(command).GetAwaiter().GetResult());
                    case "stop":
                        return Result(seq, new OrderedDictionary());
                    default:
                        throw new ArgumentException(
                            $"unknown command {Quote(cmd)}; expected start, sign, signBatch, bench, scenario or stop");
                }
            }
            catch (Exception e)
            {
                return new OrderedDictionary { { "seq", seq }, { "errored", Errored($"seq {seq} ({cmd})", e) } };
            }
        }

        /// <summary>An <c>errored</c> answer's value: the message and the exception, also logged.</summary>
        private OrderedDictionary Errored(string what, Exception e)
        {
            log.WriteLine($"adapter: {what} errored: {e}");
            return new OrderedDictionary { { "message", e.Message }, { "stderr", e.ToString() } };
        }

        /// <summary>
        /// Signs each item as <c>sign</c> does, in order; a failing item is answered errored in its
        /// place and the others go on.
        /// </summary>
        private OrderedDictionary SignBatch(long seq, OrderedDictionary command)
        {
            var items = command["items"] as IList ?? throw new ArgumentException("the command has no array items");
            var answers = new List<OrderedDictionary>(items.Count);
            foreach (object item in items)
            {
                try
                {
                    answers.Add(new OrderedDictionary { { "result", Sign(Member((OrderedDictionary)item, "input")) } });
                }
                catch (Exception e)
                {
                    answers.Add(new OrderedDictionary { { "errored", Errored($"seq {seq} (signBatch item)", e) } });
                }
            }
            return new OrderedDictionary { { "answers", answers } };
        }

        private static OrderedDictionary Result(long seq, OrderedDictionary result) => new OrderedDictionary {
            { "seq", seq }, { "result", result }
        };

        private static OrderedDictionary Start() => new OrderedDictionary {
            { "protocolVersion", 1 },
            { "language", Language },
            { "implementation", Implementation },
            { "runtime", RuntimeName() },
            { "scenarios", Scenarios },
        };

        /// <summary>E.g. "Mono 6.8.0.105" or ".NET 8.0.1", read from the running runtime.</summary>
        private static string RuntimeName()
        {
            string description = RuntimeInformation.FrameworkDescription.Trim();
            int paren = description.IndexOf(" (", StringComparison.Ordinal);
            return paren > 0 ? description.Substring(0, paren) : description;
        }

        private static OrderedDictionary Sign(OrderedDictionary input)
        {
            SignedRequest signed = new IssuetrakSigner(ApiKey.Of(Required(input, "key")))
                                       .Sign(Required(input, "method"),
                                             Required(input, "requestId"),
                                             Required(input, "timestamp"),
                                             Required(input, "path"),
                                             Required(input, "query"),
                                             BodyOf(input));
            var headers = new OrderedDictionary();
            foreach (KeyValuePair<string, string> header in signed.Headers)
            {
                headers[header.Key] = header.Value;
            }
            var result = new OrderedDictionary {
                { "messageBase64", Convert.ToBase64String(signed.Message) },
                { "signature", signed.Signature },
                { "headers", headers },
            };
            if (input["instant"] is string instant)
            {
                result["formattedTimestamp"] = IssuetrakTimestamp.Format(IssuetrakTimestamp.ParseInstant(instant));
            }
            return result;
        }

        /// <summary>The body bytes of a sign or bench input: <c>body</c> as UTF-8, or <c>bodyBase64</c>.</summary>
        private static byte[] BodyOf(OrderedDictionary input)
        {
            string text = input["body"] as string;
            string base64 = input["bodyBase64"] as string;
            if ((text == null) == (base64 == null))
            {
                throw new ArgumentException("the input must have exactly one of body and bodyBase64");
            }
            return text != null ? new UTF8Encoding(false, true).GetBytes(text) : Convert.FromBase64String(base64);
        }

        /// <summary>
        /// Times <see cref="IssuetrakSigner.Sign"/> on one input with the monotonic Stopwatch: warms up
        /// for warmupMillis, then signs until at least <c>iterations</c> signatures and
        /// <c>durationMillis</c> have passed. The signer is made once, as the client makes it.
        /// </summary>
        private static OrderedDictionary Bench(OrderedDictionary command)
        {
            OrderedDictionary input = Member(command, "input");
            byte[] body = BodyOf(input);
            var signer = new IssuetrakSigner(ApiKey.Of(Required(input, "key")));
            string method = Required(input, "method"), requestId = Required(input, "requestId"),
                   timestamp = Required(input, "timestamp"), path = Required(input, "path"),
                   query = Required(input, "query");
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
            } while (operations < iterations || elapsed < durationTicks);
            return new OrderedDictionary {
                { "operations", operations },
                { "elapsedNanos", (long)(elapsed * (1e9 / Stopwatch.Frequency)) },
                { "signature", signed.Signature },
            };
        }

        /// <summary>Performs one scenario with the client library, every parameter taken from the command.</summary>
        private static async Task<OrderedDictionary> Scenario(OrderedDictionary command)
        {
            string name = Required(command, "name");
            string timestamp = Required(command, "timestamp");
            DateTime instant = IssuetrakTimestamp.ParseInstant(timestamp);
            if (IssuetrakTimestamp.Format(instant) != timestamp)
            {
                throw new ArgumentException(
                    $"scenario timestamp {Quote(timestamp)} is not in the form this client sends, yyyy-MM-ddTHH:mm:ss.fffffffZ");
            }
            var requestIds = new Queue<string>(((IEnumerable)command["requestIds"] ?? new object[0]).Cast<string>());
            Func<string> nextRequestId = () =>
            {
                if (requestIds.Count == 0)
                {
                    throw new InvalidOperationException(
                        $"scenario {name} needs more request IDs than the command gave");
                }
                return requestIds.Dequeue();
            };
            var options = new ClientOptions(
                Required(command, "baseUrl"), ApiKey.Of(Required(command, "key")), () => instant, nextRequestId);

            var responses = new List<ApiResponse>();
            using (var client = new IssuetrakApiClient(options))
            {
                switch (name)
                {
                    case "get-issue":
                        responses.Add(await client.GetIssueAsync(IssueNumber(command)));
                        break;
                    case "update-issue":
                        ApiResponse read = await client.GetIssueAsync(IssueNumber(command));
                        responses.Add(read);
                        if (!read.IsSuccess)
                        {
                            throw new InvalidOperationException(
                                $"update-issue: {read} answered {read.ResponseText}; the PUT needs the issue as read");
                        }
                        responses.Add(await client.UpdateIssueAsync(Json.Write(IssueEdit(command, read.ResponseText))));
                        break;
                    case "create-issue":
                        responses.Add(await client.CreateIssueAsync(Json.Write(command["data"])));
                        break;
                    case "create-note":
                    case "create-note-markup":
                        responses.Add(await client.CreateNoteAsync(Json.Write(command["data"])));
                        break;
                    case "get-note":
                        responses.Add(await client.GetNoteAsync(1));
                        break;
                    case "get-issues-by-number-list":
                        var numbers = ((IEnumerable)command["issueNumbers"]).Cast<JsonNumber>().Select(Int);
                        responses.Add(await client.GetIssuesAsync(numbers));
                        break;
                    case "get-issue-notes":
                        responses.Add(await client.GetNotesOfIssueAsync(IssueNumber(command)));
                        break;
                    case "search-issues":
                        responses.Add(await client.SearchIssuesAsync(Json.Write(command["data"])));
                        break;
                    case "get-issue-mixed-case-site":
                        responses.Add(
                            await client.GetIssueAsync(IssueNumber(command), true.Equals(command["includeNotes"])));
                        break;
                    case "empty-body-post":
                    case "lookup-issue-types":
                        OrderedDictionary send = Member(command, "send");
                        responses.Add(await client.SendAsync(
                            Required(send, "method"), Required(send, "route"), send["query"] as string ?? ""));
                        break;
                    default:
                        throw new ArgumentException($"unknown scenario {Quote(name)}; this adapter knows " +
                                                    string.Join(", ", Scenarios));
                }
            }
            var requests = responses.Select(r => new OrderedDictionary {
                { "method", r.Method },
                { "url", r.Url },
                { "status", r.StatusCode },
            });
            return new OrderedDictionary { { "requests", requests.ToList() } };
        }

        /// <summary>
        /// The body of update-issue's PUT: the issue as read, less the read-only fields (also inside
        /// each user-defined field), with the fields of <c>set</c> changed in place (new ones last).
        /// </summary>
        private static OrderedDictionary IssueEdit(OrderedDictionary command, string issueJson)
        {
            if (!(Json.Parse(issueJson) is OrderedDictionary issue))
            {
                throw new FormatException("update-issue: the issue as read is not a JSON object");
            }
            foreach (string field in Strings(command, "readOnlyIssueFields"))
            {
                issue.Remove(field);
            }
            if (issue["UserDefinedFields"] is IEnumerable fields)
            {
                foreach (OrderedDictionary field in fields.OfType<OrderedDictionary>())
                {
                    foreach (string readOnly in Strings(command, "readOnlyUserDefinedFieldFields"))
                    {
                        field.Remove(readOnly);
                    }
                }
            }
            foreach (DictionaryEntry change in Member(command, "set"))
            {
                issue[change.Key] = change.Value;
            }
            return issue;
        }

        private static IEnumerable<string> Strings(OrderedDictionary command, string name) =>
            ((IEnumerable)command[name] ?? throw new ArgumentException($"the command has no {name}")).Cast<string>();

        /// <summary>The command's <c>issueNumber</c>, or 1 (the scenarios without one use issue 1).</summary>
        private static int IssueNumber(OrderedDictionary command)
        {
            return command["issueNumber"] is JsonNumber n ? Int(n) : 1;
        }

        private static int Int(JsonNumber n)
        {
            return int.Parse(n.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }

        private static OrderedDictionary Member(OrderedDictionary parent, string name) =>
            parent[name] as OrderedDictionary ?? throw new ArgumentException($"the command has no object {name}");

        private static string Required(OrderedDictionary parent, string name)
        {
            object value = parent[name];
            if (value is string || value is JsonNumber)
            {
                return value.ToString();
            }
            throw new ArgumentException($"the command has no {name}");
        }

        /// <summary>A non-negative integer member of the command, e.g. <c>iterations</c>.</summary>
        private static long Count(OrderedDictionary command, string name)
        {
            return long.Parse(Required(command, name), NumberStyles.None, CultureInfo.InvariantCulture);
        }

        private static string Quote(string value) => value == null ? "(none)" : Json.Write(value);

        private void Write(OrderedDictionary answer)
        {
            byte[] json = Utf8NoBom.GetBytes(Json.Write(answer) + "\n");
            output.Write(json, 0, json.Length);
            output.Flush();
        }
    }
}
