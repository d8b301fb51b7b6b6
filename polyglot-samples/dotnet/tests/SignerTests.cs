// Unit tests of the signer against a few of the kit's vectors (../../fixtures/vectors). A plain
// console program: .NET has no unit-test framework in its standard library. Exit status 1 on a
// failure. Build and run: see README.md ("Unit tests").

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.Serialization.Json;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Issuetrak.Harness;
using Issuetrak.Signing;

namespace Issuetrak.Tests
{
    public static class SignerTests
    {
        private static readonly string[] VectorIds =
        {
            "seed-009-get-note-nested-site",        // the request this sample makes
            "paths-033-greek-final-sigma-folder",   // locale-independent lowercasing, final sigma
            "keys-030-trailing-space-key",          // the key is never trimmed
            "bodies-051-all-byte-values",           // a body that is not UTF-8, signed as bytes
            "timestamps-001-instant-9-digits",      // 9 digits truncated to 7, never rounded
        };

        private static int failures;

        public static int Main(string[] args)
        {
            string dir = args.Length > 0 ? args[0] : Path.Combine("..", "..", "fixtures", "vectors");
            Dictionary<string, XElement> vectors = LoadValidVectors(dir);

            foreach (string id in VectorIds)
            {
                XElement vector;
                if (!vectors.TryGetValue(id, out vector))
                {
                    Fail(id, "vector not found in " + dir);
                    continue;
                }
                Run(id, () => CheckVector(id, vector));
            }

            Run("apiKey_refusesEmptyText", () =>
            {
                try { ApiKey.Of(""); Fail("apiKey_refusesEmptyText", "no exception"); }
                catch (ArgumentException) { }
            });
            Run("apiKey_toStringShowsFingerprintNotKey", () =>
            {
                string text = ApiKey.Of("dUd4ZzQ3dDNvM1lrYzFoY1lHYmh3anRjQkJHb1dBWWdWTHdOd25kZm9GQQ=").ToString();
                Expect("apiKey_toStringShowsFingerprintNotKey", "no key text", text.Contains("dUd4") ? "key text" : "no key text");
            });
            Run("canonicalMessage_refusesLineFeedInQuery", () =>
            {
                try
                {
                    CanonicalMessage.Build("GET", "c3838d04-46f8-43d6-92fd-62b3d0b59f3e", "2014-09-10T17:28:08.3227351Z",
                                           "/api/v1/notes/1", "a=1\nb=2", new byte[0]);
                    Fail("canonicalMessage_refusesLineFeedInQuery", "no exception");
                }
                catch (ArgumentException) { }
            });

            Console.WriteLine(failures == 0 ? "all passed" : failures + " failed");
            return failures == 0 ? 0 : 1;
        }

        private static void CheckVector(string id, XElement vector)
        {
            XElement input = vector.Element("input");
            XElement expected = vector.Element("expected");
            byte[] body = input.Element("bodyBase64") != null
                ? Convert.FromBase64String(input.Element("bodyBase64").Value)
                : new UTF8Encoding(false, true).GetBytes(input.Element("body").Value);

            SignedRequest signed = new IssuetrakSigner(ApiKey.Of(input.Element("key").Value)).Sign(
                input.Element("method").Value, input.Element("requestId").Value, input.Element("timestamp").Value,
                input.Element("path").Value, input.Element("query").Value, body);

            byte[] message = expected.Element("messageBase64") != null
                ? Convert.FromBase64String(expected.Element("messageBase64").Value)
                : new UTF8Encoding(false, true).GetBytes(expected.Element("message").Value);
            Expect(id + " path", expected.Element("path").Value, signed.CanonicalPath);
            Expect(id + " message", Convert.ToBase64String(message), Convert.ToBase64String(signed.Message));
            Expect(id + " signature", expected.Element("signature").Value, signed.Signature);
            string[] wantHeaders = expected.Element("headers").Elements().Select(e => e.Value).ToArray();
            string[] gotHeaders = signed.Headers.Select(h => h.Value).ToArray();
            Expect(id + " headers", string.Join(" | ", wantHeaders), string.Join(" | ", gotHeaders));
            if (input.Element("instant") != null)
            {
                Expect(id + " formatted timestamp", input.Element("timestamp").Value,
                       IssuetrakTimestamp.Format(IssuetrakTimestamp.ParseInstant(input.Element("instant").Value)));
            }
        }

        private static Dictionary<string, XElement> LoadValidVectors(string dir)
        {
            var byId = new Dictionary<string, XElement>();
            foreach (string file in Directory.GetFiles(dir, "*.json"))
            {
                XElement root = ProtocolJson.Parse(File.ReadAllText(file, Encoding.UTF8));
                foreach (XElement v in root.Element("vectors").Elements())
                {
                    if (v.Element("result").Value == "valid") byId[v.Element("id").Value] = v;
                }
            }
            return byId;
        }

        private static void Run(string name, Action test)
        {
            int before = failures;
            try { test(); }
            catch (Exception e) { Fail(name, e.ToString()); }
            if (failures == before) Console.WriteLine("ok   " + name);
        }

        private static void Expect(string what, string want, string got)
        {
            if (want != got) Fail(what, "\n  want " + want + "\n  got  " + got);
        }

        private static void Fail(string what, string detail)
        {
            failures++;
            Console.WriteLine("FAIL " + what + ": " + detail);
        }
    }
}
