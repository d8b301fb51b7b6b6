#!/usr/bin/env node
'use strict';
/*
 * The Node.js sample, runnable by hand: inserts a note into issue 1 (what the vendor's Node.js
 * sample does).
 *
 *   ITK_BASE_URL=http://127.0.0.1:8089/api/v1 ITK_API_KEY=... node sample.js
 *
 * Optional: ITK_REQUEST_ID (a lowercase UUID) and ITK_TIMESTAMP (an ISO UTC instant) make the
 * request reproducible. The key is never printed.
 */
const { createClient, optionsFromEnv, ConfigError } = require('./lib/client');

const NOTE = {
  IssueNumber: 1,
  CreatedBy: 'admin',
  NoteText: 'Note added by the Node.js sample – “café” ✓',
  IsPrivate: false,
  IsRichText: false,
  ShouldSuppressEmailForCreateOperation: true,
};

async function main() {
  const client = createClient(optionsFromEnv(process.env));
  const res = await client.createNote(NOTE);
  console.log(`${res.method} ${res.url} -> ${res.status}`);
  console.log(res.body.toString('utf8'));
  return res.status >= 200 && res.status < 300 ? 0 : 1;
}

main().then(
  (code) => { process.exitCode = code; },
  (e) => {
    console.error(`sample: ${e instanceof ConfigError ? '' : 'request failed: '}${e.message}`);
    process.exitCode = e instanceof ConfigError ? 2 : 1;
  },
);
