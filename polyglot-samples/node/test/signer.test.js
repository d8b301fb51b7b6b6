// The signer against every valid vector of ../../fixtures/vectors (expectations from the kit's
// independent Python generator): `node --test` in this folder.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";
import { canonicalMessage, formatTimestamp } from "../lib/canonical.js";
import { sign } from "../lib/signer.js";

const VECTORS = new URL("../../../fixtures/vectors/", import.meta.url);

const all = readdirSync(VECTORS)
  .filter((name) => name.endsWith(".json"))
  .flatMap((name) => JSON.parse(readFileSync(new URL(name, VECTORS))).vectors);

/** Raw non-ASCII paths: acceptable vectors, which this signer refuses. */
const refused = all.filter((v) => v.unknownRule === "path-raw-non-ascii");

/** Every other vector to sign: `valid`, and the other `acceptable` ones, signed as expected. */
const vectors = all.filter(
  (v) =>
    (v.result === "valid" || v.result === "acceptable") && !refused.includes(v),
);

function requestOf({ input }) {
  const body =
    input.bodyBase64 === undefined
      ? input.body
      : new Uint8Array(Buffer.from(input.bodyBase64, "base64"));
  return { ...input, body };
}

function expectedMessage({ expected }) {
  return expected.message === undefined
    ? Buffer.from(expected.messageBase64, "base64")
    : Buffer.from(expected.message, "utf8");
}

test("the vector files hold the families and count this test expects", () => {
  // A path or filter mistake must not turn into zero tests that all pass.
  assert.ok(vectors.length >= 300, `only ${vectors.length} vectors found`);
  assert.ok(vectors.some((v) => v.id.startsWith("paths-")));
  assert.ok(vectors.some((v) => v.input.bodyBase64 !== undefined));
});

for (const v of refused) {
  test(`${v.id} (refused)`, () => {
    assert.throws(
      () => sign(requestOf(v)),
      /percent-encode non-ASCII path characters/,
    );
  });
}

for (const v of vectors) {
  test(v.id, () => {
    const signed = sign(requestOf(v));
    assert.equal(signed.path, v.expected.path, "path");
    assert.deepEqual(
      Buffer.from(signed.message),
      expectedMessage(v),
      "message bytes",
    );
    assert.equal(signed.signature, v.expected.signature, "signature");
    assert.deepEqual({ ...signed.headers }, v.expected.headers, "headers");
    if (v.input.instant !== undefined) {
      assert.equal(formatTimestamp(v.input.instant), v.input.timestamp);
    }
  });
}

test("formatTimestamp takes a Date and epoch nanoseconds, before 1970 too", () => {
  assert.equal(
    formatTimestamp(new Date(Date.UTC(2014, 8, 10, 17, 28, 8, 322))),
    "2014-09-10T17:28:08.3220000Z",
  );
  assert.equal(
    formatTimestamp(1410370088322735199n),
    "2014-09-10T17:28:08.3227351Z",
  );
  assert.equal(formatTimestamp(-1n), "1969-12-31T23:59:59.9999999Z");
});

test("formatTimestamp refuses a date that does not exist and a year it cannot write", () => {
  assert.throws(
    () => formatTimestamp("2014-02-30T00:00:00Z"),
    /does not exist/,
  );
  assert.throws(
    () => formatTimestamp("0000-01-01T00:00:00Z"),
    /year 0 cannot be written/,
  );
  assert.throws(() => formatTimestamp("2014-09-10 17:28:08Z"), /not a Date/);
});

test("canonicalMessage refuses a line feed in the query, naming it", () => {
  const [v] = vectors;
  assert.throws(
    () => canonicalMessage({ ...requestOf(v), query: "a\nb" }),
    /query "a\\nb" must be a string without CR or LF/,
  );
});

test("sign refuses an empty key and never puts the key in its result", () => {
  const [v] = vectors;
  assert.throws(() => sign({ ...requestOf(v), key: "" }), /API key is empty/);
  const signed = sign(requestOf(v));
  assert.ok(!JSON.stringify(signed).includes(v.input.key));
});
