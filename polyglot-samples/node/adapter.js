/**
 * The runner-protocol adapter (docs/runner-protocol.md): one JSON command per line on standard
 * input, one JSON answer per line on standard output, nothing else there; logs go to standard
 * error. `node adapter.js`, started by the harness in this folder (adapter.json).
 */
import { createInterface } from "node:readline";
import { formatTimestamp } from "./lib/canonical.js";
import { IssuetrakApiError, IssuetrakClient } from "./lib/client.js";
import { sign } from "./lib/signer.js";

// Anything logged by accident must not corrupt the answers.
console.log = console.info = console.debug = console.error;

/** Each scenario of fixtures/scenarios.json, done with the client's own operations. */
const SCENARIOS = {
  "get-issue": (client, cmd) =>
    client.getIssue(cmd.issueNumber ?? 1, { includeNotes: cmd.includeNotes }),
  "update-issue": (client, cmd) =>
    client.updateIssue(cmd.issueNumber, (issue) => ({ ...issue, ...cmd.set }), {
      readOnlyFields: cmd.readOnlyIssueFields,
      readOnlyUserDefinedFieldFields: cmd.readOnlyUserDefinedFieldFields,
    }),
  "create-issue": (client, cmd) => client.createIssue(cmd.data),
  "create-note": (client, cmd) => client.createNote(cmd.data),
  "get-note": (client, cmd) => client.getNote(cmd.noteId ?? 1),
  "get-issues-by-number-list": (client, cmd) =>
    client.getIssues(cmd.issueNumbers, { includeNotes: cmd.includeNotes }),
  "get-issue-notes": (client, cmd) => client.getNotesOfIssue(cmd.issueNumber),
  "search-issues": (client, cmd) => client.searchIssues(cmd.data),
  "create-note-markup": (client, cmd) => client.createNote(cmd.data),
  "get-issue-mixed-case-site": (client, cmd) =>
    client.getIssue(cmd.issueNumber, { includeNotes: cmd.includeNotes }),
  "empty-body-post": (client, { send }) =>
    client.send(send.method, send.route, send.query),
  "lookup-issue-types": (client, { send }) =>
    client.send(send.method, send.route, send.query),
};

function start() {
  return {
    protocolVersion: 1,
    language: "node",
    implementation: "polyglot-samples/node",
    runtime: `Node.js ${process.versions.node}`,
    scenarios: Object.keys(SCENARIOS),
  };
}

function requestOf(input) {
  return {
    key: input.key,
    method: input.method,
    requestId: input.requestId,
    timestamp: input.timestamp,
    path: input.path,
    query: input.query,
    body:
      input.bodyBase64 === undefined
        ? new TextEncoder().encode(input.body)
        : new Uint8Array(Buffer.from(input.bodyBase64, "base64")),
  };
}

function signed(input) {
  const { message, signature, headers } = sign(requestOf(input));
  return {
    messageBase64: Buffer.from(message).toString("base64"),
    signature,
    headers,
    ...(input.instant !== undefined && {
      formattedTimestamp: formatTimestamp(input.instant),
    }),
  };
}

/** Signs each item as `sign` would; a failing item is errored in its place, the others go on. */
function signBatch({ items }) {
  return {
    answers: items.map(({ id, input }) => {
      try {
        return { result: signed(input) };
      } catch (e) {
        return { errored: failure(e, `signBatch ${id}`) };
      }
    }),
  };
}

/** The errored answer for `e`, logged with its stack. */
function failure(e, what) {
  const stack = String(e?.stack ?? e);
  console.error(`adapter: ${what} failed: ${stack}`);
  return { message: e?.message ?? String(e), stderr: stack };
}

/**
 * Times `sign` on one input with the monotonic `process.hrtime.bigint()`: warms up for
 * `warmupMillis`, then measures until `iterations` signatures and `durationMillis` have passed.
 * One operation is what the client does per request: `sign` over the body's bytes, encoded once.
 */
function bench({ input, warmupMillis, durationMillis, iterations }) {
  const request = requestOf(input);
  const now = process.hrtime.bigint;
  const warmUntil = now() + BigInt(warmupMillis) * 1_000_000n;
  while (now() < warmUntil) sign(request);
  const duration = BigInt(durationMillis) * 1_000_000n;
  const started = now();
  let operations = 0;
  let elapsed;
  let last;
  do {
    last = sign(request);
    operations++;
    elapsed = now() - started;
  } while (operations < iterations || elapsed < duration);
  return {
    operations,
    elapsedNanos: Number(elapsed),
    signature: last.signature,
  };
}

/**
 * Performs a scenario with the command's base URL, key, timestamp (the client's clock) and
 * request IDs, recording each request's method, URL and status through the client's `fetch`.
 */
async function scenario(cmd) {
  const perform = SCENARIOS[cmd.name];
  if (!perform) {
    throw new Error(
      `unknown scenario ${JSON.stringify(cmd.name)}; this adapter does ${Object.keys(SCENARIOS).join(", ")}`,
    );
  }
  const ids = [...cmd.requestIds];
  const requests = [];
  const client = new IssuetrakClient({
    baseUrl: cmd.baseUrl,
    apiKey: cmd.key,
    clock: () => cmd.timestamp,
    requestId: () => {
      if (ids.length === 0) {
        throw new RangeError(
          `scenario ${cmd.name} needs more than the ${cmd.requestIds.length} request IDs given`,
        );
      }
      return ids.shift();
    },
    fetch: async (url, init) => {
      const response = await fetch(url, init);
      requests.push({
        method: init.method,
        url: String(url),
        status: response.status,
      });
      return response;
    },
  });
  try {
    await perform(client, cmd);
  } catch (e) {
    // A refusal is an answer to report, unless a later request needed it (update-issue's GET).
    const needed = cmd.name === "update-issue" && requests.length < 2;
    if (!(e instanceof IssuetrakApiError) || needed) throw e;
  }
  return { requests };
}

async function answer(cmd) {
  switch (cmd.cmd) {
    case "start":
      return { result: start() };
    case "sign":
      return { result: signed(cmd.input) };
    case "signBatch":
      return { result: signBatch(cmd) };
    case "bench":
      return { result: bench(cmd) };
    case "scenario":
      return { result: await scenario(cmd) };
    case "stop":
      return { result: {} };
    default:
      throw new Error(
        `unknown command ${JSON.stringify(cmd.cmd)}; expected start, sign, signBatch, bench, scenario or stop`,
      );
  }
}

function write(answer) {
  return new Promise((resolve) =>
    process.stdout.write(`${JSON.stringify(answer)}\n`, resolve),
  );
}

for await (const line of createInterface({
  input: process.stdin,
  crlfDelay: Infinity,
})) {
  if (line.trim() === "") continue;
  let cmd;
  try {
    cmd = JSON.parse(line);
  } catch (e) {
    console.error(`adapter: a command is not JSON: ${e.message}`);
    await write({
      seq: -1,
      errored: { message: `command is not JSON: ${e.message}` },
    });
    continue;
  }
  let reply;
  try {
    reply = await answer(cmd);
  } catch (e) {
    reply = { errored: failure(e, `${cmd.cmd} ${cmd.id ?? cmd.name ?? ""}`) };
  }
  await write({ seq: cmd.seq, ...reply });
  if (cmd.cmd === "stop") process.exit(0);
}
process.exit(0); // end of input: the harness closed stdin
