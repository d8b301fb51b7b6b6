"""The sample client: what the vendor's Python sample does (retrieve, update and submit an
issue), done so that the bytes sent are exactly the bytes signed.

HTTP lives here (``http.client``); signing comes from ``issuetrak_signer``. The clock and the
request IDs are injectable, so a run can be reproduced.

    client = IssuetrakClient("http://127.0.0.1:8089/api/v1", key)
    issue = client.get_issue(1).raise_for_status().json()
    client.put_issue(update_issue_body(issue, {"Subject": "Fixed"}))
    client.create_issue({"Subject": "New", "IssueTypeID": 1, ...}).text()   # '4'
"""

import copy
import hashlib
import http.client
import json
import time
import uuid
from dataclasses import dataclass
from urllib.parse import urlsplit

import issuetrak_signer

__all__ = [
    "READ_ONLY_ISSUE_FIELDS",
    "READ_ONLY_USER_DEFINED_FIELD_FIELDS",
    "JSON_CONTENT_TYPE",
    "ApiResponse",
    "IssuetrakApiError",
    "IssuetrakClient",
    "BaseUrl",
    "parse_base_url",
    "encode_json",
    "update_issue_body",
    "random_request_id",
]

#: Issue fields the server refuses in an update (the vendor's sample deletes them too).
READ_ONLY_ISSUE_FIELDS = (
    "Metadata", "ExtensionData", "Notes", "SubmittedDate", "SLAComplianceStatus", "Slaid",
)
#: Fields of each ``UserDefinedFields`` element the server refuses in an update.
READ_ONLY_USER_DEFINED_FIELD_FIELDS = ("ExtensionData", "Metadata", "DisplayName")

JSON_CONTENT_TYPE = "application/json; charset=utf-8"
DEFAULT_TIMEOUT_SECONDS = 30.0


@dataclass(frozen=True)
class BaseUrl:
    """A site's API base URL, split: ``http://h:8089/Site/api/v1`` is ``http``, ``h:8089``,
    ``/Site/api/v1`` (the path kept as given, escapes included, without a trailing '/')."""

    scheme: str
    netloc: str
    path: str

    def url_for(self, target):
        """The absolute URL of a request target (path and query)."""
        return f"{self.scheme}://{self.netloc}{target}"

    def path_for(self, route):
        """Appends ``route`` without doubling '/': ``/Site/api/v1`` + ``/issues``."""
        return self.path + "/" + route.lstrip("/")


def parse_base_url(text, name="base URL"):
    """Checks a site's API base URL, e.g. ``http://127.0.0.1:8089/NestedSite1/api/v1``:
    absolute, http or https, ASCII, no user info, query or fragment. Raises ``ValueError``
    naming the setting (``name``), the rule and the value (unless it holds user info)."""
    example = "e.g. http://127.0.0.1:8089/api/v1"
    if not isinstance(text, str) or not text:
        raise ValueError(f"{name} is empty; give the site's API base URL, {example}")
    if not text.isascii() or any(c <= " " or c == "\x7f" for c in text):
        raise ValueError(
            f"{name} {text!r} has a space, a control or a non-ASCII character; percent-encode "
            "it as UTF-8 (raw non-ASCII paths lowercase differently across runtimes)"
        )
    parts = urlsplit(text)
    if "@" in parts.netloc:
        # Not echoed: user info may hold a password.
        raise ValueError(f"{name} must not contain user info (user:password@); requests are signed with the API key")
    if parts.scheme not in ("http", "https"):
        raise ValueError(f"{name} {text!r} is not an absolute http:// or https:// URL; {example}")
    if not parts.hostname:
        raise ValueError(f"{name} {text!r} has no host; {example}")
    try:
        parts.port
    except ValueError:
        raise ValueError(f"{name} {text!r} has a port that is not a number from 0 to 65535") from None
    if "?" in text or "#" in text:
        raise ValueError(f"{name} {text!r} has a query or fragment; give only the API base, {example}")
    return BaseUrl(parts.scheme, parts.netloc, parts.path.rstrip("/"))


def encode_json(value):
    """Compact JSON as UTF-8 bytes, keys in the order given, non-ASCII written raw (no ``\\u``
    escapes), ``/`` and ``<`` not escaped. Encode once; sign and send these same bytes."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.encode("utf-8")


def update_issue_body(issue_as_read, changes=None, *,
                      read_only_fields=READ_ONLY_ISSUE_FIELDS,
                      read_only_udf_fields=READ_ONLY_USER_DEFINED_FIELD_FIELDS):
    """The body of ``PUT /issues``: a copy of the issue as read, less the read-only fields (also
    inside each user-defined field), with ``changes`` set in place. Every other field is kept in
    the order read, unknown ones included; a changed field keeps its position."""
    if not isinstance(issue_as_read, dict):
        raise ValueError(f"the issue as read must be a JSON object, not {type(issue_as_read).__name__}")
    body = copy.deepcopy(issue_as_read)  # dicts keep their order
    for field in read_only_fields:
        body.pop(field, None)
    for udf in body.get("UserDefinedFields") or ():
        if isinstance(udf, dict):
            for field in read_only_udf_fields:
                udf.pop(field, None)
    body.update(changes or {})  # existing keys keep their position; new ones go last
    return body


def random_request_id():
    """A new random request ID: a lowercase version-4 UUID."""
    return str(uuid.uuid4())


@dataclass(frozen=True)
class ApiResponse:
    """One request made and its answer: ``status`` and the raw ``body`` bytes."""

    method: str
    url: str
    status: int
    body: bytes

    @property
    def ok(self):
        return 200 <= self.status < 300

    def text(self):
        return self.body.decode("utf-8", errors="replace")

    def json(self):
        """The body parsed as JSON; objects keep their key order."""
        return json.loads(self.body.decode("utf-8"))

    def raise_for_status(self):
        """Returns this response if its status is 2xx; raises ``IssuetrakApiError`` otherwise."""
        if not self.ok:
            raise IssuetrakApiError(self)
        return self


class IssuetrakApiError(Exception):
    """The server answered a request with a status other than 2xx."""

    def __init__(self, response):
        super().__init__(
            f"{response.method} {response.url} answered {response.status}: {response.text()}"
        )
        self.response = response


class IssuetrakClient:
    """Signs and sends Issuetrak API v1 requests to one site.

    ``clock`` returns nanoseconds since the Unix epoch (default ``time.time_ns``);
    ``request_ids`` returns a new request ID per call (default random lowercase UUIDs). Each
    request is HTTP/1.1 on its own connection, with a timeout; redirects are not followed (a
    redirect would be signed for one path and sent to another).
    """

    def __init__(self, base_url, api_key, *, clock=time.time_ns, request_ids=random_request_id,
                 timeout=DEFAULT_TIMEOUT_SECONDS):
        self._base = parse_base_url(base_url)
        issuetrak_signer.compute_signature(api_key, b"")  # refuse an unusable key now
        self._key = api_key
        self._clock = clock
        self._request_ids = request_ids
        self._timeout = timeout

    def __repr__(self):
        # Never the key: only its fingerprint.
        fingerprint = hashlib.sha256(self._key.encode("utf-8")).hexdigest()[:16]
        base = self._base.url_for(self._base.path)
        return f"IssuetrakClient(base_url={base!r}, key=sha256:{fingerprint})"

    def get_issue(self, issue_number, include_notes=False):
        """``GET {base}/issues/{includeNotes}/{issueNumber}``."""
        return self.send("GET", f"/issues/{'true' if include_notes else 'false'}/{int(issue_number)}")

    def put_issue(self, issue):
        """``PUT {base}/issues`` with ``issue`` (see ``update_issue_body``) as compact JSON."""
        return self.send("PUT", "/issues", body=encode_json(issue))

    def update_issue(self, issue_number, changes, *,
                     read_only_fields=READ_ONLY_ISSUE_FIELDS,
                     read_only_udf_fields=READ_ONLY_USER_DEFINED_FIELD_FIELDS):
        """Read-modify-write: gets the issue, drops the read-only fields, sets ``changes`` in
        place and puts it back. Raises ``IssuetrakApiError`` if the GET is refused (the PUT needs
        its answer). Returns ``(get_response, put_response)``."""
        read = self.get_issue(issue_number).raise_for_status()
        body = update_issue_body(read.json(), changes, read_only_fields=read_only_fields,
                                 read_only_udf_fields=read_only_udf_fields)
        return read, self.put_issue(body)

    def create_issue(self, issue):
        """``POST {base}/issues`` with ``issue`` as compact JSON; the answer is the new number."""
        return self.send("POST", "/issues", body=encode_json(issue))

    def send(self, method, route, query="", body=None):
        """Signs and sends one request to ``{base}{route}``; ``query`` is the raw query without
        '?' (sent and signed as is), ``body`` the exact bytes to send or None (no body, no
        Content-Type)."""
        path = self._base.path_for(route)
        target = f"{path}?{query}" if query else path
        signed = issuetrak_signer.sign(
            self._key, method, self._request_ids(), issuetrak_signer.format_timestamp(self._clock()),
            path, query, body if body is not None else b"")
        headers = dict(signed.headers)
        headers["Accept"] = "application/json"
        if body is not None:
            headers["Content-Type"] = JSON_CONTENT_TYPE
        connection_class = (http.client.HTTPSConnection if self._base.scheme == "https"
                            else http.client.HTTPConnection)
        connection = connection_class(self._base.netloc, timeout=self._timeout)
        try:
            # Bytes, never str: http.client would encode a str body as ISO-8859-1.
            connection.request(method, target, body=None if body is None else bytes(body),
                               headers=headers)
            answer = connection.getresponse()
            return ApiResponse(method, self._base.url_for(target), answer.status, answer.read())
        finally:
            connection.close()
