'use strict';
/*
 * Runner-protocol adapter (docs/runner-protocol.md): one JSON command per line on stdin, one
 * JSON answer per line on stdout, nothing else on stdout. Logs go to stderr.
 */
const readline = require('node:readline');
const { formatTimestamp } = require('./lib/canonical');
const { sign } = require('./lib/signer');
const { createClient } = require('./lib/client');

// Anything logged by accident must not corrupt the answers.
console.log = console.info = console.debug = console.error;

const SCENARIOS = ['create-note'];
const SKIP_REASON = "the vendor's Node.js sample only inserts a note (create-note)";

function startResult() {
  return {
    protocolVersion: 1,
    language: 'node',
    implementation: 'polyglot-samples/node',
    runtime: `Node.js ${process.versions.node}`,
    scenarios: SCENARIOS,
  };
}

function signResult(input) {
  const body = input.bodyBase64 !== undefined ? Buffer.from(input.bodyBase64, 'base64') : input.body;
  const signed = sign({
    key: input.key,
    method: input.method,
    requestId: input.requestId,
    timestamp: input.timestamp,
    path: input.path,
    query: input.query,
    body,
  });
  const result = {
    messageBase64: Buffer.from(signed.message).toString('base64'),
    signature: signed.signature,
    headers: signed.headers,
  };
  if (input.instant !== undefined) result.formattedTimestamp = formatTimestamp(input.instant);
  return result;
}

/**
 * Times lib/signer's sign on one input with the monotonic process.hrtime.bigint(): warms up for
 * warmupMillis, then measures until at least `iterations` signatures and `durationMillis` have
 * passed. One operation is what lib/client does per request: sign() with the body as the exact
 * bytes sent (a Buffer, encoded once), i.e. the canonical message, the HMAC-SHA512 and its base64.
 */
function benchResult(cmd) {
  const input = cmd.input;
  const request = {
    key: input.key,
    method: input.method,
    requestId: input.requestId,
    timestamp: input.timestamp,
    path: input.path,
    query: input.query,
    body: input.bodyBase64 !== undefined ? Buffer.from(input.bodyBase64, 'base64') : Buffer.from(input.body, 'utf8'),
  };
  const clock = process.hrtime.bigint;
  const duration = BigInt(cmd.durationMillis) * 1000000n;
  const warmUntil = clock() + BigInt(cmd.warmupMillis) * 1000000n;
  let signed = sign(request);
  while (clock() < warmUntil) sign(request);
  let operations = 0;
  let elapsed;
  const started = clock();
  do {
    signed = sign(request);
    operations++;
    elapsed = clock() - started;
  } while (operations < cmd.iterations || elapsed < duration);
  return { operations, elapsedNanos: Number(elapsed), signature: signed.signature };
}

async function scenario(cmd) {
  if (!SCENARIOS.includes(cmd.name)) return { skipped: { reason: `${SKIP_REASON}; ${cmd.name} is not done` } };
  const ids = cmd.requestIds.slice();
  const client = createClient({
    baseUrl: cmd.baseUrl,
    key: cmd.key,
    clock: () => cmd.timestamp,
    nextRequestId: () => {
      if (ids.length === 0) throw new RangeError(`scenario ${cmd.name} needs more request IDs than the ${cmd.requestIds.length} given`);
      return ids.shift();
    },
  });
  const res = await client.createNote(cmd.data);
  return { result: { requests: [{ method: res.method, url: res.url, status: res.status }] } };
}

async function answer(cmd) {
  switch (cmd.cmd) {
    case 'start':
      return { result: startResult() };
    case 'sign':
      return { result: signResult(cmd.input) };
    case 'bench':
      return { result: benchResult(cmd) };
    case 'scenario':
      return scenario(cmd);
    case 'stop':
      return { result: {} };
    default:
      throw new Error(`unknown command ${JSON.stringify(cmd.cmd)}; expected start, sign, bench, scenario or stop`);
  }
}

function write(obj) {
  return new Promise((resolve) => process.stdout.write(JSON.stringify(obj) + '\n', resolve));
}

async function main() {
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    let cmd;
    try {
      cmd = JSON.parse(line);
    } catch (e) {
      console.error(`adapter: a command line is not JSON: ${e.message}`);
      await write({ seq: -1, errored: { message: `command is not JSON: ${e.message}` } });
      continue;
    }
    let reply;
    try {
      reply = await answer(cmd);
    } catch (e) {
      const stack = e && e.stack ? String(e.stack) : String(e);
      console.error(`adapter: ${cmd.cmd} ${cmd.id || cmd.name || ''} failed: ${stack}`);
      reply = { errored: { message: e && e.message ? e.message : String(e), stderr: stack } };
    }
    await write({ seq: cmd.seq, ...reply });
    if (cmd.cmd === 'stop') process.exit(0);
  }
  process.exit(0); // EOF: the harness closed stdin
}

main();
