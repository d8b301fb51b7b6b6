// Tests of the Issuetrak.Client library: every valid vector of ../../fixtures/vectors, the rules
// the signer enforces, and the sample's JSON writer. A console program (.NET's standard library
// has no test framework; xUnit and NUnit come from NuGet): exit status 1 on any failure.

using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.IO;
using System.Linq;
using System.Text;
using Issuetrak.Client;
using Issuetrak.Sample;

namespace Issuetrak.Tests
{
    public static class ClientTests
    {
        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(false, true);
        private static int failures;

        public static int Main(string[] args)
        {
            string dir = args.Length > 0 ? args[0] : Path.Combine("..", "..", "fixtures", "vectors");
            int signed = 0, refused = 0;
            foreach (OrderedDictionary vector in Vectors(dir))
            {
                string id = (string)vector["id"];
                string result = (string)vector["result"];
                if (result == "invalid")
                {
                    continue;
                }
                // A raw non-ASCII path is refused by design; an "acceptable" vector may be either way.
                string path = (string)Member(vector, "input")["path"];
                bool mustRefuse = path.Any(c => c > '\u007f');
                int before = failures;
                Test(id,
                     () =>
                     {
                         if (mustRefuse)
                         {
                             ExpectRefusal(id, "percent-encode non-ASCII path characters", () => Sign(vector));
                         }
                         else
                         {
                             CheckVector(id, vector);
                         }
                     });
                if (failures == before && mustRefuse)
                {
                    refused++;
                }
                else if (failures == before)
                {
                    signed ++;
                }
            }
            Console.WriteLine($"vectors: {signed} signed as expected, {refused} refused (raw non-ASCII path)");
            if (signed < 300 || refused == 0)
            {
                Fail("vectors", $"expected over 300 signed and some refused in {dir}; is it the kit's vectors folder?");
            }

            Test("apiKey_refusesEmptyText", () => ExpectRefusal("empty key", "API key is empty", () => ApiKey.Of("")));
            Test("apiKey_toStringShowsFingerprintNotKey",
                 () =>
                 {
                     string shown = ApiKey.Of("dUd4ZzQ3dDNvM1lrYzFoY1lHYmh3anRjQkJHb1dBWWdWTHdOd25kZm9GQQ=").ToString();
                     // sha256 of the key text, from `printf %s KEY | sha256sum`: the first 8 bytes.
                     Expect("ToString", "ApiKey(sha256:b08c9ef92d3cd8a0)", shown);
                 });
            Test("canonicalMessage_refusesLineFeedInQuery",
                 () => ExpectRefusal("LF in query",
                                     "must not contain CR or LF",
                                     () => CanonicalMessage.Build("GET",
                                                                  "c3838d04-46f8-43d6-92fd-62b3d0b59f3e",
                                                                  "2014-09-10T17:28:08.3227351Z",
                                                                  "/api/v1/notes/1",
                                                                  "a=1\nb=2",
                                                                  new byte[0])));
            Test("canonicalPath_lowercasesAsciiLettersAndEscapeHex",
                 () => Expect("path",
                              "/corp/it-support/helpdesk/api/v1/users/caf%c3%a9", // docs/scheme.md: hex lowercased too
                              CanonicalMessage.CanonicalPath("/Corp/IT-Support/HelpDesk/api/v1/users/caf%C3%A9")));
            Test("canonicalPath_refusesRawNonAsciiNamingTheCodePoint",
                 () => ExpectRefusal("raw emoji",
                                     "U+1F600 at index 7; percent-encode non-ASCII path characters",
                                     () => CanonicalMessage.CanonicalPath("/users/\U0001F600")));
            Test("timestamp_truncatesNineDigitsToSeven",
                 () => Expect(
                     "timestamp",
                     "2014-09-10T17:28:08.3227351Z",
                     IssuetrakTimestamp.Format(IssuetrakTimestamp.ParseInstant("2014-09-10T17:28:08.322735199Z"))));
            Test(
                "json_writesMarkupAndAstralRawEscapingOnlyQuoteBackslashAndControls",
                () =>
                {
                    var note = new OrderedDictionary {
                        { "NoteText", "<p>a & b / \"C:\\temp\" 🚀 𝄞</p>\n" },
                        { "IsPrivate", true },
                        { "IssueNumber", new JsonNumber("2") },
                    };
                    Expect(
                        "json",
                        "{\"NoteText\":\"<p>a & b / \\\"C:\\\\temp\\\" 🚀 𝄞</p>\\n\",\"IsPrivate\":true,\"IssueNumber\":2}",
                        Json.Write(note));
                });
            Test("json_roundTripKeepsMemberOrderAndNumbersAsWritten",
                 () =>
                 {
                     const string text =
                         "{\"z\":1.50,\"a\":[null,false,-2e3],\"m\":{\"\\u00e9\\ud83d\\ude00\":\"\\/\"}}";
                     Expect("json",
                            "{\"z\":1.50,\"a\":[null,false,-2e3],\"m\":{\"é😀\":\"/\"}}",
                            Json.Write(Json.Parse(text)));
                 });

            Test("adapter_signBatch_signsOneItemAndAnswersTheRefusedOneErroredInItsPlace",
                 () =>
                 {
                     OrderedDictionary seed =
                         Vectors(dir).First(v => (string)v["id"] == "seed-001-get-issue-nested-site");
                     var rawPath = new OrderedDictionary();
                     foreach (DictionaryEntry field in Member(seed, "input"))
                     {
                         rawPath[field.Key] = field.Value;
                     }
                     rawPath["path"] = "/api/v1/Café";
                     var items = new List<object> {
                         new OrderedDictionary { { "id", "raw-non-ascii" }, { "input", rawPath } },
                         new OrderedDictionary { { "id", seed["id"] }, { "input", Member(seed, "input") } },
                     };
                     var command = new OrderedDictionary { { "seq", 9 }, { "cmd", "signBatch" }, { "items", items } };
                     var answer = AnswerTo(Json.Write(command));
                     var answers = (IList)Member(answer, "result")["answers"];
                     Expect("answers", "2", answers.Count.ToString());
                     var first = (OrderedDictionary)answers[0];
                     Expect("first answer's kind", "errored", string.Join(",", first.Keys.Cast<string>()));
                     string message = (string)Member(first, "errored")["message"];
                     if (!message.Contains("percent-encode non-ASCII path characters"))
                     {
                         Fail("refused item", message);
                     }
                     Expect("signature",
                            (string)Member(seed, "expected")["signature"],
                            (string)Member((OrderedDictionary)answers[1], "result")["signature"]);
                 });
            Test("adapter_unknownCommand_isErroredListingSignBatch",
                 () =>
                 {
                     string message = (string)Member(AnswerTo("{\"seq\":1,\"cmd\":\"dance\"}"), "errored")["message"];
                     if (!message.Contains("unknown command \"dance\"; expected start, sign, signBatch,"))
                     {
                         Fail("unknown command", message);
                     }
                 });

            Console.WriteLine(failures == 0 ? "all passed" : $"{failures} failed");
            return failures == 0 ? 0 : 1;
        }

        /// <summary>The adapter's answer to one command line, as the harness would read it.</summary>
        private static OrderedDictionary AnswerTo(string line)
        {
            var output = new MemoryStream();
            new Adapter(new StringReader(line + "\n"), output, new StringWriter()).Run();
            return (OrderedDictionary)Json.Parse(StrictUtf8.GetString(output.ToArray()).Trim());
        }

        private static SignedRequest Sign(OrderedDictionary vector)
        {
            OrderedDictionary input = Member(vector, "input");
            byte[] body = input["bodyBase64"] is string base64 ? Convert.FromBase64String(base64)
                                                               : StrictUtf8.GetBytes((string)input["body"]);
            return new IssuetrakSigner(ApiKey.Of((string)input["key"]))
                .Sign((string)input["method"],
                      (string)input["requestId"],
                      (string)input["timestamp"],
                      (string)input["path"],
                      (string)input["query"],
                      body);
        }

        /// <summary>Every stage of the signature against the vector's expectation (from the Python
        /// generator).</summary>
        private static void CheckVector(string id, OrderedDictionary vector)
        {
            OrderedDictionary input = Member(vector, "input");
            OrderedDictionary expected = Member(vector, "expected");
            SignedRequest signed = Sign(vector);
            byte[] message = expected["messageBase64"] is string base64
                                 ? Convert.FromBase64String(base64)
                                 : StrictUtf8.GetBytes((string)expected["message"]);
            Expect(id + " path", (string)expected["path"], signed.CanonicalPath);
            Expect(id + " message", Convert.ToBase64String(message), Convert.ToBase64String(signed.Message));
            Expect(id + " signature", (string)expected["signature"], signed.Signature);
            foreach (DictionaryEntry header in Member(expected, "headers"))
            {
                string got =
                    signed.Headers
                        .Where(h => string.Equals(h.Key, (string)header.Key, StringComparison.OrdinalIgnoreCase))
                        .Select(h => h.Value)
                        .FirstOrDefault();
                Expect($"{id} header {header.Key}", (string)header.Value, got);
            }
            if (input["instant"] is string instant)
            {
                Expect(id + " formatted timestamp",
                       (string)input["timestamp"],
                       IssuetrakTimestamp.Format(IssuetrakTimestamp.ParseInstant(instant)));
            }
        }

        private static IEnumerable<OrderedDictionary> Vectors(string dir)
        {
            foreach (string file in Directory.GetFiles(dir, "*.json").OrderBy(f => f, StringComparer.Ordinal))
            {
                var set = (OrderedDictionary)Json.Parse(File.ReadAllText(file, StrictUtf8));
                foreach (OrderedDictionary vector in (IEnumerable)set["vectors"])
                {
                    yield return vector;
                }
            }
        }

        private static OrderedDictionary Member(OrderedDictionary parent,
                                                string name) => (OrderedDictionary)parent[name];

        private static void Test(string name, Action test)
        {
            try
            {
                test();
            }
            catch (Exception e)
            {
                Fail(name, e.ToString());
            }
        }

        private static void ExpectRefusal(string what, string messagePart, Action action)
        {
            try
            {
                action();
                Fail(what, "was not refused");
            }
            catch (ArgumentException e) when (e.Message.Contains(messagePart))
            {
            }
        }

        private static void Expect(string what, string want, string got)
        {
            if (want != got)
            {
                Fail(what, $"\n  want {want}\n  got  {got}");
            }
        }

        private static void Fail(string what, string detail)
        {
            failures++;
            Console.WriteLine($"FAIL {what}: {detail}");
        }
    }
}
