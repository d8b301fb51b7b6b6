// The client against a local HTTP server that records what arrives: the bytes sent, and signing
// headers that match the kit's vectors (expectations from its independent generator).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { after, before, test } from "node:test";
import { inspect } from "node:util";
import { IssuetrakApiError, IssuetrakClient } from "../index.js";

const seed = JSON.parse(
  readFileSync(new URL("../../../fixtures/vectors/seed.json", import.meta.url)),
);
const vector = (id) => seed.vectors.find((v) => v.id === id);

let server;
let base;
let received;
let answer;

before(async () => {
  server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (chunk) => chunks.push(chunk));
    req.on("end", () => {
      received = {
        method: req.method,
        url: req.url,
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      res.writeHead(answer.status, { "Content-Type": "application/json" });
      res.end(answer.body);
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${server.address().port}`;
});

after(() => server.close());

/** A client that signs as `v` was signed: its key, request ID and timestamp. */
function clientFor(v, baseUrl) {
  return new IssuetrakClient({
    baseUrl,
    apiKey: v.input.key,
    clock: () => v.input.timestamp,
    requestId: () => v.input.requestId,
  });
}

test("createNote sends compact JSON with a Content-Type", async () => {
  const v = vector("seed-008-create-note-nested-site");
  answer = { status: 200, body: "3" };
  const note = JSON.parse(v.input.body);
  // The vector's body has ", " and ": " separators; the client writes compact JSON, so sign that.
  const client = clientFor(v, `${base}/NestedSite1/NestedSite2/api/v1`);
  assert.equal(await client.createNote(note), 3);
  assert.equal(received.method, "POST");
  assert.equal(received.url, "/NestedSite1/NestedSite2/api/v1/notes");
  assert.equal(
    received.body.toString("utf8"),
    '{"IssueNumber":1,"CreatedBy":"admin","CreatedDate":"2014-09-10T10:28:08","NoteText":"This is a note","IsPrivate":false,"IsRichText":false,"ShouldSuppressEmailForCreateOperation":true}',
  );
  assert.equal(
    received.headers["content-type"],
    "application/json; charset=utf-8",
  );
  assert.equal(
    received.headers["x-issuetrak-api-request-id"],
    v.input.requestId,
  );
  assert.equal(
    received.headers["x-issuetrak-api-timestamp"],
    v.input.timestamp,
  );
});

test("createIssue sends and signs the vector's compact body: same signature", async () => {
  const v = vector("seed-007-create-issue-compact");
  answer = { status: 200, body: "4" };
  const client = clientFor(v, `${base}/NestedSite1/NestedSite2/api/v1`);
  assert.equal(await client.createIssue(JSON.parse(v.input.body)), 4);
  assert.equal(received.body.toString("utf8"), v.input.body);
  assert.equal(
    received.headers["x-issuetrak-api-authorization"],
    v.expected.signature,
  );
});

test("getIssue sends the mixed-case path as given, signed as the vector's lowercased one", async () => {
  const v = vector("seed-004-get-issue-capitalised-false");
  answer = { status: 200, body: '{"IssueNumber":1}' };
  const client = clientFor(v, `${base}/NestedSite1/NestedSite2/api/v1`);
  assert.deepEqual(await client.getIssue(1), { IssueNumber: 1 });
  assert.equal(received.url, "/NestedSite1/NestedSite2/api/v1/issues/false/1");
  assert.equal(
    received.headers["x-issuetrak-api-authorization"],
    v.expected.signature,
  );
  assert.equal(received.headers["content-type"], undefined);
});

test("send with no body sends zero bytes and no Content-Type, and resolves a 400", async () => {
  const v = vector("seed-001-get-issue-nested-site");
  answer = { status: 400, body: '{"error":"malformed-json"}' };
  const client = clientFor(v, `${base}/api/v1/`);
  const response = await client.send("POST", "/issues/search", "");
  assert.equal(response.status, 400);
  assert.equal(received.url, "/api/v1/issues/search");
  assert.equal(received.body.length, 0);
  assert.equal(received.headers["content-type"], undefined);
});

test("send keeps a query's escapes, sent and signed as given", async () => {
  const v = vector("seed-001-get-issue-nested-site");
  answer = { status: 200, body: "[]" };
  await clientFor(v, `${base}/api/v1`).send(
    "GET",
    "/issuetypes",
    "name=Hardware%20%26%20Network&active=true",
  );
  assert.equal(
    received.url,
    "/api/v1/issuetypes?name=Hardware%20%26%20Network&active=true",
  );
});

test("a typed operation throws the refusal with its status and the server's answer", async () => {
  const v = vector("seed-001-get-issue-nested-site");
  answer = { status: 401, body: '{"error":"bad-signature"}' };
  await assert.rejects(clientFor(v, `${base}/api/v1`).getNote(1), (e) => {
    assert.ok(e instanceof IssuetrakApiError);
    assert.equal(e.status, 401);
    assert.match(
      e.message,
      /GET .*\/api\/v1\/notes\/1 answered 401: \{"error":"bad-signature"\}/,
    );
    return true;
  });
});

test("the key never shows in the client's inspection or JSON", () => {
  const v = vector("seed-001-get-issue-nested-site");
  const client = clientFor(v, `${base}/api/v1`);
  assert.ok(
    !inspect(client, { showHidden: true, depth: 5 }).includes(v.input.key),
  );
  assert.ok(!JSON.stringify(client).includes(v.input.key));
});

test("a base URL with user info is refused without echoing it", () => {
  assert.throws(
    () =>
      new IssuetrakClient({
        baseUrl: "http://u:secret@127.0.0.1/api/v1",
        apiKey: "k",
      }),
    (e) =>
      /must not contain user info/.test(e.message) &&
      !e.message.includes("secret"),
  );
});
