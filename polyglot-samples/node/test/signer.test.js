'use strict';
// Unit tests of the signer against a few of the kit's vectors: `node --test` in this folder.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const canonical = require('../lib/canonical');
const { sign } = require('../lib/signer');

const VECTORS = path.join(__dirname, '..', '..', '..', 'fixtures', 'vectors');

function vector(family, id) {
  const file = JSON.parse(fs.readFileSync(path.join(VECTORS, `${family}.json`), 'utf8'));
  const v = file.vectors.find((x) => x.id === id);
  assert.ok(v, `vector ${id} is in ${family}.json`);
  return v;
}

function signVector(v) {
  const input = v.input;
  const body = input.bodyBase64 !== undefined ? Buffer.from(input.bodyBase64, 'base64') : input.body;
  return sign({ ...input, body });
}

function expectedMessage(v) {
  return v.expected.message !== undefined
    ? Buffer.from(v.expected.message, 'utf8')
    : Buffer.from(v.expected.messageBase64, 'base64');
}

for (const [family, id] of [
  ['seed', 'seed-001-get-issue-nested-site'],
  ['seed', 'seed-008-create-note-nested-site'],
  ['bodies', 'bodies-050-random-binary-256'],
  ['paths', 'paths-033-greek-final-sigma-folder'],
]) {
  test(`sign matches vector ${id}`, () => {
    const v = vector(family, id);
    const signed = signVector(v);
    assert.equal(signed.path, v.expected.path);
    assert.deepEqual(Buffer.from(signed.message), expectedMessage(v));
    assert.equal(signed.signature, v.expected.signature);
    assert.deepEqual({ ...signed.headers }, v.expected.headers);
  });
}

test('formatTimestamp truncates an instant to 7 digits (timestamps-001)', () => {
  const v = vector('timestamps', 'timestamps-001-instant-9-digits');
  assert.equal(canonical.formatTimestamp(v.input.instant), v.input.timestamp);
});

test('formatTimestamp takes epoch nanoseconds as a BigInt, before the epoch too', () => {
  assert.equal(canonical.formatTimestamp(1410370088322735199n), '2014-09-10T17:28:08.3227351Z');
  assert.equal(canonical.formatTimestamp(-1n), '1969-12-31T23:59:59.9999999Z');
  assert.throws(() => canonical.formatTimestamp('2014-02-30T00:00:00Z'), /does not exist/);
});

test('canonicalMessage refuses a line feed in a field, naming the field', () => {
  const v = vector('seed', 'seed-001-get-issue-nested-site');
  assert.throws(() => canonical.canonicalMessage({ ...v.input, query: 'a\nb' }), /query "a\\nb"/);
});

test('canonical.js runs as a plain script without Node APIs', () => {
  const source = fs.readFileSync(path.join(__dirname, '..', 'lib', 'canonical.js'), 'utf8');
  const sandbox = vm.createContext({}); // no require, module, Buffer, process or TextEncoder
  vm.runInContext(source, sandbox);
  const api = vm.runInContext('IssuetrakCanonical', sandbox);
  const bytes = api.utf8Encode('é😀');
  assert.deepEqual(Array.from(bytes), [0xc3, 0xa9, 0xf0, 0x9f, 0x98, 0x80]);
  assert.equal(api.canonicalPath('/NestedSite1/API'), '/nestedsite1/api');
});
