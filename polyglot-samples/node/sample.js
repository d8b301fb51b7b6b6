#!/usr/bin/env node
/**
 * The runnable sample: adds a note to issue 1, what the vendor's Node.js sample does.
 *
 *   ITK_BASE_URL=http://127.0.0.1:8089/api/v1 ITK_API_KEY=... node sample.js
 *
 * ITK_REQUEST_ID (a lowercase UUID) and ITK_TIMESTAMP (an ISO UTC instant) are optional and make
 * the request reproducible. The key is never printed.
 */
import { IssuetrakClient, formatTimestamp } from "./index.js";

const NOTE = {
  IssueNumber: 1,
  CreatedBy: "admin",
  NoteText: "Note added by the Node.js sample – “café” ✓",
  IsPrivate: false,
  IsRichText: false,
  ShouldSuppressEmailForCreateOperation: true,
};

/** The client's options from ITK_* variables; throws naming the variable and the rule. */
function optionsFromEnv(env) {
  const { ITK_BASE_URL, ITK_API_KEY, ITK_REQUEST_ID, ITK_TIMESTAMP } = env;
  if (!ITK_BASE_URL) {
    throw new Error(
      "ITK_BASE_URL is not set; set it to the site's API base URL, like http://127.0.0.1:8089/api/v1",
    );
  }
  if (!ITK_API_KEY) {
    throw new Error(
      "ITK_API_KEY is not set or empty; set it to the API key text as issued (used as is)",
    );
  }
  const options = { baseUrl: ITK_BASE_URL, apiKey: ITK_API_KEY };
  if (ITK_REQUEST_ID !== undefined) {
    if (
      !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(
        ITK_REQUEST_ID,
      )
    ) {
      throw new Error(
        `ITK_REQUEST_ID ${JSON.stringify(ITK_REQUEST_ID)} is not a lowercase UUID (8-4-4-4-12 hex digits)`,
      );
    }
    options.requestId = () => ITK_REQUEST_ID;
  }
  if (ITK_TIMESTAMP !== undefined) {
    formatTimestamp(ITK_TIMESTAMP); // refuses a malformed instant now, not at the first request
    options.clock = () => ITK_TIMESTAMP;
  }
  return options;
}

let client;
try {
  client = new IssuetrakClient(optionsFromEnv(process.env));
} catch (e) {
  console.error(`sample: ${e.message}`);
  process.exit(2);
}
try {
  const noteId = await client.createNote(NOTE);
  console.log(`note ${noteId} added to issue 1`);
} catch (e) {
  console.error(`sample: ${e.message}`); // a refusal carries the server's explanation
  process.exitCode = 1;
}
