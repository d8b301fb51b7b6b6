// adapter.js speaking the runner protocol (docs/runner-protocol.md) as the harness runs it: a
// child process fed command lines on stdin. `node --test` in this folder.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const HERE = fileURLToPath(new URL("..", import.meta.url));
const SEED = JSON.parse(
  readFileSync(new URL("../../../fixtures/vectors/seed.json", import.meta.url)),
).vectors[0];

function answersTo(...commands) {
  const done = spawnSync(process.execPath, ["adapter.js"], {
    cwd: HERE,
    input: commands.map((c) => `${JSON.stringify(c)}\n`).join(""),
    encoding: "utf8",
    timeout: 30_000,
  });
  assert.equal(done.status, 0, done.stderr);
  return done.stdout.trim().split("\n").map(JSON.parse);
}

test("signBatch signs one item and answers the malformed one errored in its place", () => {
  const malformed = { ...SEED.input, path: "api/v1/issues/false/1" };
  const [answer] = answersTo({
    seq: 9,
    cmd: "signBatch",
    items: [
      { id: SEED.id, input: SEED.input },
      { id: "no-leading-slash", input: malformed },
    ],
  });
  assert.equal(answer.seq, 9);
  const [signed, refused] = answer.result.answers;
  assert.equal(signed.result.signature, SEED.expected.signature);
  assert.deepEqual(Object.keys(refused), ["errored"]);
  assert.match(refused.errored.message, /does not start with \//);
});

test("an unknown command is answered errored, naming it and signBatch", () => {
  const [answer] = answersTo({ seq: 1, cmd: "dance" });
  assert.match(
    answer.errored.message,
    /unknown command "dance"; expected .*signBatch/,
  );
});
