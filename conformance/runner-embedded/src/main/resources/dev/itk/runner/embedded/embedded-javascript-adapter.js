// The kit's glue for the embedded JavaScript run (EmbeddedRunner), evaluated before the Node
// sample's lib/canonical.js. It supplies what GraalJS lacks and the sample uses (`TextEncoder`:
// GraalJS here has no Node or web API, no crypto and no http), and evaluates to a function that
// takes the sample module's exports and returns the runner-protocol handler, one line in, one line
// out. `sign` (and `signBatch`, per item) answers the canonical message bytes and the formatted
// timestamp only; scenarios
// and `bench` (which times the whole signing, HMAC included) are answered `skipped` with the reason.
(() => {
  "use strict";

  if (typeof globalThis.TextEncoder === "undefined") {
    /** UTF-8 only, as the WHATWG one: an unpaired surrogate becomes U+FFFD. */
    globalThis.TextEncoder = class TextEncoder {
      get encoding() {
        return "utf-8";
      }

      encode(text = "") {
        const out = [];
        for (const ch of String(text)) {
          let c = ch.codePointAt(0);
          if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
          if (c < 0x80) out.push(c);
          else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
          else if (c < 0x10000) {
            out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
          } else {
            out.push(
              0xf0 | (c >> 18),
              0x80 | ((c >> 12) & 0x3f),
              0x80 | ((c >> 6) & 0x3f),
              0x80 | (c & 0x3f),
            );
          }
        }
        return new Uint8Array(out);
      }
    };
  }

  const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  function base64Decode(text) {
    const clean = text.replace(/=+$/, "");
    const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
    let bits = 0;
    let value = 0;
    let n = 0;
    for (let i = 0; i < clean.length; i++) {
      const v = ALPHABET.indexOf(clean[i]);
      if (v < 0) throw new RangeError(`bodyBase64 has a character outside standard base64 at ${i}`);
      value = ((value << 6) | v) & 0xffffff;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out[n++] = (value >> bits) & 0xff;
      }
    }
    return out.subarray(0, n);
  }

  function base64Encode(bytes) {
    const parts = [];
    for (let i = 0; i < bytes.length; i += 3) {
      const triple = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
      parts.push(
        ALPHABET[(triple >> 18) & 63] +
          ALPHABET[(triple >> 12) & 63] +
          (i + 1 < bytes.length ? ALPHABET[(triple >> 6) & 63] : "=") +
          (i + 2 < bytes.length ? ALPHABET[triple & 63] : "="),
      );
    }
    return parts.join("");
  }

  // Every scenario is named, so that each is answered `skipped` with the reason below rather than
  // reported as one the sample does not do.
  const SCENARIOS = [
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
  ];

  return (canonical) => {
    const start = () => ({
      protocolVersion: 1,
      language: "javascript",
      implementation: "polyglot-samples/node/lib/canonical.js",
      runtime: `GraalJS ${typeof itkPolyglotVersion === "undefined" ? "(unknown version)" : itkPolyglotVersion}`,
      scenarios: SCENARIOS,
    });

    const sign = ({ input }) => {
      const message = canonical.canonicalMessage({
        method: input.method,
        requestId: input.requestId,
        timestamp: input.timestamp,
        path: input.path,
        query: input.query,
        body: input.bodyBase64 === undefined ? input.body : base64Decode(input.bodyBase64),
      });
      return {
        messageBase64: base64Encode(message),
        ...(input.instant !== undefined && {
          formattedTimestamp: canonical.formatTimestamp(input.instant),
        }),
      };
    };

    const errored = (e) => ({ message: String(e), stderr: String(e?.stack ?? "") });

    /** Each item as `sign`; a failing item is errored in its place and the others go on. */
    const signBatch = ({ items }) => ({
      answers: items.map((item) => {
        try {
          return { result: sign(item) };
        } catch (e) {
          return { errored: errored(e) };
        }
      }),
    });

    return (line) => {
      const command = JSON.parse(line);
      let answer;
      try {
        switch (command.cmd) {
          case "start":
            answer = { result: start() };
            break;
          case "sign":
            answer = { result: sign(command) };
            break;
          case "signBatch":
            answer = { result: signBatch(command) };
            break;
          case "scenario":
            answer = {
              skipped: {
                reason:
                  "GraalJS has no http or crypto: the Node sample's scenarios run in the process and container runners",
              },
            };
            break;
          case "bench":
            answer = {
              skipped: {
                reason:
                  "GraalJS has no crypto: the Node sample's HMAC (node:crypto) cannot run here, so its signing is benchmarked in the process and container runners",
              },
            };
            break;
          case "stop":
            answer = { result: {} };
            break;
          default:
            throw new Error(
              `unknown command ${command.cmd}; expected start, sign, signBatch, bench, scenario or stop`,
            );
        }
      } catch (e) {
        answer = { errored: errored(e) };
      }
      return JSON.stringify({ seq: command.seq, ...answer });
    };
  };
})();
