/**
 * A small Issuetrak API v1 client on `fetch`: every request signed (lib/signer.js), and the
 * bytes signed are the bytes sent.
 *
 * @module
 */
import { randomUUID } from "node:crypto";
import { formatTimestamp } from "./canonical.js";
import { sign } from "./signer.js";

const JSON_CONTENT_TYPE = "application/json; charset=utf-8";

/** Issue fields the server refuses in an update (docs/client.md#update-issue). */
export const READ_ONLY_ISSUE_FIELDS = Object.freeze([
  "Metadata",
  "ExtensionData",
  "Notes",
  "SubmittedDate",
  "SLAComplianceStatus",
  "Slaid",
]);
/** Fields of each of an issue's `UserDefinedFields` the server refuses in an update. */
export const READ_ONLY_USER_DEFINED_FIELD_FIELDS = Object.freeze([
  "ExtensionData",
  "Metadata",
  "DisplayName",
]);

/** A request the server answered with a status other than 2xx, like 401 for a bad signature. */
export class IssuetrakApiError extends Error {
  constructor(method, url, status, body) {
    super(`${method} ${url} answered ${status}: ${body}`);
    this.name = "IssuetrakApiError";
    this.status = status;
    this.body = body;
  }
}

/**
 * An Issuetrak API v1 client:
 *
 * ```js
 * const client = new IssuetrakClient({
 *   baseUrl: "https://helpdesk.example.com/api/v1",
 *   apiKey: process.env.ITK_API_KEY,
 * });
 * const issue = await client.getIssue(1);
 * ```
 *
 * `clock` (returning a `Date`, epoch nanoseconds as a `bigint` or an ISO string) and
 * `requestId` (returning a UUID) make requests reproducible; `fetch` replaces the global one.
 */
export class IssuetrakClient {
  #baseUrl;
  #apiKey;
  #clock;
  #requestId;
  #timeoutMs;
  #fetch;

  constructor({
    baseUrl,
    apiKey,
    clock = () => new Date(),
    requestId = randomUUID,
    timeoutMs = 30_000,
    fetch = globalThis.fetch,
  }) {
    this.#baseUrl = parseBaseUrl(baseUrl).href.replace(/\/+$/, "");
    if (typeof apiKey !== "string" || apiKey === "") {
      throw new TypeError(
        "apiKey is empty; give the API key text as issued by Issuetrak",
      );
    }
    this.#apiKey = apiKey;
    this.#clock = clock;
    this.#requestId = requestId;
    this.#timeoutMs = timeoutMs;
    this.#fetch = fetch;
  }

  /**
   * Signs and sends one request, like `send("GET", "/issuetypes", "active=true")`: `route` is
   * appended to the base URL, `query` is the raw query without `?` (sent and signed as given),
   * `body` the exact bytes to send (a `Uint8Array` or a string) or nothing: then no body and no
   * `Content-Type` at all. Resolves the `Response`, whatever its status.
   */
  async send(method, route, query = "", body = undefined) {
    const url = new URL(
      this.#baseUrl + (route.startsWith("/") ? "" : "/") + route,
    );
    url.search = query;
    const bytes =
      typeof body === "string" ? new TextEncoder().encode(body) : body;
    const { headers } = sign({
      key: this.#apiKey,
      method,
      requestId: this.#requestId(),
      timestamp: formatTimestamp(this.#clock()),
      // What fetch sends: the URL as serialized, percent-encoding included.
      path: url.pathname,
      query: url.search.slice(1),
      body: bytes,
    });
    const hasBody = bytes !== undefined && bytes.length > 0;
    return this.#fetch(url, {
      method,
      headers: {
        Accept: "application/json",
        ...headers,
        ...(hasBody && { "Content-Type": JSON_CONTENT_TYPE }),
      },
      body: hasBody ? bytes : undefined,
      redirect: "manual",
      signal: AbortSignal.timeout(this.#timeoutMs),
    });
  }

  /** One issue: `GET {base}/issues/{includeNotes}/{number}`. */
  getIssue(number, { includeNotes = false } = {}) {
    return this.#json("GET", `/issues/${includeNotes}/${number}`);
  }

  /** Several issues, in the order asked: `GET {base}/issues/false/?issueNumbers=1,2,3`. */
  getIssues(numbers, { includeNotes = false } = {}) {
    return this.#json("GET", `/issues/${includeNotes}/`, {
      query: `issueNumbers=${numbers.join(",")}`,
    });
  }

  /** Submits a new issue: `POST {base}/issues`; resolves the new issue's number. */
  createIssue(issue) {
    return this.#json("POST", "/issues", { data: issue });
  }

  /**
   * Reads an issue, drops the fields the server refuses, passes it to `edit` and PUTs what `edit`
   * returns; every other field is kept as read, unknown ones included, in the order read:
   *
   * ```js
   * await client.updateIssue(1, (issue) => ({ ...issue, Subject: "Fixed" }));
   * ```
   */
  async updateIssue(
    number,
    edit,
    {
      readOnlyFields = READ_ONLY_ISSUE_FIELDS,
      readOnlyUserDefinedFieldFields = READ_ONLY_USER_DEFINED_FIELD_FIELDS,
    } = {},
  ) {
    const issue = without(await this.getIssue(number), readOnlyFields);
    if (Array.isArray(issue.UserDefinedFields)) {
      issue.UserDefinedFields = issue.UserDefinedFields.map((field) =>
        without(field, readOnlyUserDefinedFieldFields),
      );
    }
    return this.#json("PUT", "/issues", { data: edit(issue) });
  }

  /** Adds a note to an issue: `POST {base}/notes`; resolves the new note's ID. */
  createNote(note) {
    return this.#json("POST", "/notes", { data: note });
  }

  /** One note: `GET {base}/notes/{id}`. */
  getNote(id) {
    return this.#json("GET", `/notes/${id}`);
  }

  /** The notes of an issue: `GET {base}/notes/issue/{number}`. */
  getNotesOfIssue(number) {
    return this.#json("GET", `/notes/issue/${number}`);
  }

  /** Searches issues: `POST {base}/issues/search` with a SearchIssueDTO. */
  searchIssues(criteria) {
    return this.#json("POST", "/issues/search", { data: criteria });
  }

  /**
   * Sends `data` as compact JSON (`JSON.stringify`: keys in the given order, non-ASCII as raw
   * UTF-8, `/` and `<` not escaped) and parses the answer; a status other than 2xx is thrown.
   */
  async #json(method, route, { query = "", data } = {}) {
    const body = data === undefined ? undefined : JSON.stringify(data);
    const response = await this.send(method, route, query, body);
    const text = await response.text();
    if (!response.ok) {
      throw new IssuetrakApiError(
        method,
        response.url || route,
        response.status,
        text,
      );
    }
    return text === "" ? undefined : JSON.parse(text);
  }
}

/**
 * Checks a site's API base URL, like `http://127.0.0.1:8089/NestedSite1/api/v1`: absolute, http
 * or https, no user info, query or fragment.
 */
export function parseBaseUrl(text) {
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new TypeError(
      `base URL ${JSON.stringify(text)} is not an absolute URL, like http://127.0.0.1:8089/api/v1`,
    );
  }
  if (url.username || url.password) {
    // Not echoed: user info may hold a password.
    throw new TypeError(
      "base URL must not contain user info (user:password@); requests are signed with the API key",
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new TypeError(
      `base URL ${JSON.stringify(text)} has scheme ${url.protocol.slice(0, -1)}; it must be http or https`,
    );
  }
  if (/[?#]/.test(text)) {
    throw new TypeError(
      `base URL ${JSON.stringify(text)} has a query or fragment; give only the API base, like http://127.0.0.1:8089/api/v1`,
    );
  }
  return url;
}

function without(object, fields) {
  return Object.fromEntries(
    Object.entries(object).filter(([name]) => !fields.includes(name)),
  );
}
