// An Issuetrak API client as a Node developer writes one: global fetch and node:crypto, no
// packages. Reads ITK_BASE_URL and ITK_API_KEY, searches issues by number, reads a note.
import { createHmac, randomUUID } from "node:crypto";

function timestamp(date) {
  // .NET's round-trip form: seven fractional digits; JavaScript has milliseconds.
  return date.toISOString().replace(/\.(\d{3})Z$/, ".$10000Z");
}

async function send(method, url, apiKey, body) {
  const target = new URL(url);
  const requestId = randomUUID();
  const ts = timestamp(new Date());
  const bytes = body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(body), "utf8");
  const message = Buffer.concat([
    Buffer.from(
      [method, requestId, ts, target.pathname.toLowerCase(), target.search.replace(/^\?/, ""), ""].join("\n"),
      "utf8",
    ),
    bytes,
  ]);
  const signature = createHmac("sha512", Buffer.from(apiKey, "utf8")).update(message).digest("base64");
  const headers = {
    "X-Issuetrak-API-Request-ID": requestId,
    "X-Issuetrak-API-Timestamp": ts,
    "X-Issuetrak-API-Authorization": signature,
    Accept: "application/json",
  };
  if (bytes.length > 0) headers["Content-Type"] = "application/json; charset=utf-8";
  const response = await fetch(url, { method, headers, body: bytes.length > 0 ? bytes : undefined });
  const text = await response.text();
  console.log(`${method} ${target.pathname}${target.search}: ${response.status}`);
  if (!response.ok) throw new Error(`HTTP ${response.status}: ${text.slice(0, 200)}`);
  return text === "" ? null : JSON.parse(text);
}

const base = process.env.ITK_BASE_URL.replace(/\/$/, "");
const key = process.env.ITK_API_KEY;
const issues = await send("GET", `${base}/issues/false/?issueNumbers=1,2`, key);
console.log(`found ${issues.length} issues`);
const note = await send("GET", `${base}/notes/1`, key);
console.log(`note 1 of issue ${note.IssueNumber}`);
