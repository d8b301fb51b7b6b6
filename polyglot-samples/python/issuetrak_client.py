"""A small Issuetrak API v1 client whose bytes sent are exactly the bytes signed.

HTTP is ``http.client``; signing is ``issuetrak_signer``. The clock and the request IDs are
injectable, so a run can be reproduced.

    client = IssuetrakClient("http://127.0.0.1:8089/api/v1", key)
    issue = client.get_issue(1).raise_for_status().json()
    client.create_note({"IssueNumber": 1, "NoteText": "Called back ✓"}).text()   # '7'
    client.send("GET", "/issuetypes", "active=true")   # any route, signed the same way
"""

from __future__ import annotations

import copy
import hashlib
import http.client
import json
import time
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import issuetrak_signer

__all__ = [
    "JSON_CONTENT_TYPE",
    "READ_ONLY_ISSUE_FIELDS",
    "READ_ONLY_USER_DEFINED_FIELD_FIELDS",
    "ApiResponse",
    "BaseUrl",
    "IssuetrakApiError",
    "IssuetrakClient",
    "encode_json",
    "parse_base_url",
    "random_request_id",
    "update_issue_body",
]

#: Issue fields the server refuses in an update.
READ_ONLY_ISSUE_FIELDS = (
    "Metadata",
    "ExtensionData",
    "Notes",
    "SubmittedDate",
    "SLAComplianceStatus",
    "Slaid",
)
#: Fields of each ``UserDefinedFields`` element the server refuses in an update.
READ_ONLY_USER_DEFINED_FIELD_FIELDS = ("ExtensionData", "Metadata", "DisplayName")

JSON_CONTENT_TYPE = "application/json; charset=utf-8"


@dataclass(frozen=True)
class BaseUrl:
    """``http://h:8089/Site/api/v1`` split into ``http``, ``h:8089`` and ``/Site/api/v1`` (the
    path as given, escapes and case kept, without a trailing ``/``)."""

    scheme: str
    netloc: str
    path: str

    def url_for(self, target: str) -> str:
        return f"{self.scheme}://{self.netloc}{target}"

    def path_for(self, route: str) -> str:
        """Appends ``route`` without doubling ``/``: ``/Site/api/v1`` + ``/issues``."""
        return f"{self.path}/{route.lstrip('/')}"


def parse_base_url(text: str, name: str = "base URL") -> BaseUrl:
    """Checks a site's API base URL, e.g. ``http://127.0.0.1:8089/NestedSite1/api/v1``:
    http or https, ASCII, no user info, query or fragment. Raises ``ValueError`` naming
    ``name``, the rule and the value (unless it holds user info)."""
    example = "e.g. http://127.0.0.1:8089/api/v1"
    if not text:
        raise ValueError(f"{name} is empty; give the site's API base URL, {example}")
    if not text.isascii() or any(c <= " " or c == "\x7f" for c in text):
        raise ValueError(
            f"{name} {text!r} has a space, a control or a non-ASCII character; "
            "percent-encode non-ASCII path characters as UTF-8"
        )
    parts = urlsplit(text)
    if "@" in parts.netloc:  # not echoed: user info may hold a password
        raise ValueError(f"{name} must not contain user info (user:password@)")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{name} {text!r} is not an absolute http:// or https:// URL; {example}")
    try:
        _ = parts.port  # raises for a port that is not a number
    except ValueError:
        raise ValueError(
            f"{name} {text!r} has a port that is not a number from 0 to 65535"
        ) from None
    if "?" in text or "#" in text:
        raise ValueError(
            f"{name} {text!r} has a query or fragment; give only the API base, {example}"
        )
    return BaseUrl(parts.scheme, parts.netloc, parts.path.rstrip("/"))


def encode_json(value: Any) -> bytes:
    """Compact JSON in UTF-8: keys in the order given, non-ASCII raw (no ``\\u`` escapes, no
    surrogate pairs), only ``"``, ``\\`` and control characters escaped (``/``, ``<``, ``&``
    kept). Encode once; sign and send these same bytes."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()


def update_issue_body(
    issue_as_read: Mapping[str, Any],
    changes: Mapping[str, Any] | None = None,
    *,
    read_only_fields: Iterable[str] = READ_ONLY_ISSUE_FIELDS,
    read_only_udf_fields: Iterable[str] = READ_ONLY_USER_DEFINED_FIELD_FIELDS,
) -> dict[str, Any]:
    """The body of ``PUT /issues``: the issue as read less its read-only fields (also inside each
    user-defined field), ``changes`` set in place. Every other field keeps its order, unknown
    ones included."""
    body = copy.deepcopy(dict(issue_as_read))
    for name in read_only_fields:
        body.pop(name, None)
    udf_fields = tuple(read_only_udf_fields)
    for udf in body.get("UserDefinedFields") or ():
        for name in udf_fields:
            udf.pop(name, None)
    body.update(changes or {})  # an existing key keeps its position
    return body


def random_request_id() -> str:
    """A new lowercase version-4 UUID."""
    return str(uuid.uuid4())


@dataclass(frozen=True)
class ApiResponse:
    """One request made and its answer: ``status`` and the raw ``body`` bytes."""

    method: str
    url: str
    status: int
    body: bytes

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def json(self) -> Any:
        return json.loads(self.body)

    def raise_for_status(self) -> ApiResponse:
        """This response if its status is 2xx; raises ``IssuetrakApiError`` otherwise."""
        if not self.ok:
            raise IssuetrakApiError(self)
        return self


class IssuetrakApiError(Exception):
    """The server answered with a status other than 2xx."""

    def __init__(self, response: ApiResponse) -> None:
        super().__init__(
            f"{response.method} {response.url} answered {response.status}: {response.text()}"
        )
        self.response = response


class IssuetrakClient:
    """Signs and sends Issuetrak API v1 requests to one site.

    ``clock`` returns nanoseconds since the Unix epoch; ``request_ids`` a new request ID per
    call. Each request is HTTP/1.1 on its own connection, with a timeout; redirects are not
    followed (a redirect would be signed for one path and sent to another).
    """

    def __init__(
        self,
        base_url: str,
        api_key: str,
        *,
        clock: Callable[[], int] = time.time_ns,
        request_ids: Callable[[], str] = random_request_id,
        timeout: float = 30.0,
    ) -> None:
        self._base = parse_base_url(base_url)
        issuetrak_signer.compute_signature(api_key, b"")  # refuse an unusable key now
        self._key = api_key
        self._clock = clock
        self._request_ids = request_ids
        self._timeout = timeout

    def __repr__(self) -> str:  # never the key: only a fingerprint
        fingerprint = hashlib.sha256(self._key.encode()).hexdigest()[:16]
        return f"IssuetrakClient({self._base.url_for(self._base.path)!r}, key=sha256:{fingerprint})"

    def get_issue(self, issue_number: int, include_notes: bool = False) -> ApiResponse:
        """``GET {base}/issues/{includeNotes}/{issueNumber}``."""
        return self.send("GET", f"/issues/{str(include_notes).lower()}/{int(issue_number)}")

    def get_issues(self, issue_numbers: Iterable[int], include_notes: bool = False) -> ApiResponse:
        """``GET {base}/issues/{includeNotes}/?issueNumbers=1,2,3``, in the order asked."""
        numbers = ",".join(str(int(n)) for n in issue_numbers)
        if not numbers:
            raise ValueError("issue_numbers is empty; ask for at least one issue")
        return self.send("GET", f"/issues/{str(include_notes).lower()}/", f"issueNumbers={numbers}")

    def create_issue(self, issue: Mapping[str, Any]) -> ApiResponse:
        """``POST {base}/issues``; the answer is the new issue number."""
        return self.send("POST", "/issues", body=encode_json(issue))

    def put_issue(self, issue: Mapping[str, Any]) -> ApiResponse:
        """``PUT {base}/issues`` with ``issue`` (see ``update_issue_body``)."""
        return self.send("PUT", "/issues", body=encode_json(issue))

    def update_issue(
        self,
        issue_number: int,
        changes: Mapping[str, Any],
        *,
        read_only_fields: Iterable[str] = READ_ONLY_ISSUE_FIELDS,
        read_only_udf_fields: Iterable[str] = READ_ONLY_USER_DEFINED_FIELD_FIELDS,
    ) -> tuple[ApiResponse, ApiResponse]:
        """Read-modify-write; returns ``(get, put)``. Raises ``IssuetrakApiError`` if the GET is
        refused (the PUT needs its answer)."""
        read = self.get_issue(issue_number).raise_for_status()
        body = update_issue_body(
            read.json(),
            changes,
            read_only_fields=read_only_fields,
            read_only_udf_fields=read_only_udf_fields,
        )
        return read, self.put_issue(body)

    def search_issues(self, search: Mapping[str, Any]) -> ApiResponse:
        """``POST {base}/issues/search`` with a SearchIssueDTO; one page of matching issues."""
        return self.send("POST", "/issues/search", body=encode_json(search))

    def get_note(self, note_id: int) -> ApiResponse:
        """``GET {base}/notes/{noteId}``."""
        return self.send("GET", f"/notes/{int(note_id)}")

    def get_issue_notes(self, issue_number: int) -> ApiResponse:
        """``GET {base}/notes/issue/{issueNumber}``: every note of an issue."""
        return self.send("GET", f"/notes/issue/{int(issue_number)}")

    def create_note(self, note: Mapping[str, Any]) -> ApiResponse:
        """``POST {base}/notes``; the answer is the new note ID."""
        return self.send("POST", "/notes", body=encode_json(note))

    def send(
        self, method: str, route: str, query: str = "", body: bytes | None = None
    ) -> ApiResponse:
        """Signs and sends any request, e.g. ``send("GET", "/issuetypes", "active=true")``.

        ``route`` is the path after the base URL, percent-encoded as it is to be sent; ``query``
        the raw query without ``?``, sent and signed as given; ``body`` the exact bytes, or
        ``None``/``b""`` for none (then no ``Content-Type`` either).
        """
        path = self._base.path_for(route)
        target = f"{path}?{query}" if query else path
        body = bytes(body) if body else None
        signed = issuetrak_signer.sign(
            self._key,
            method,
            self._request_ids(),
            issuetrak_signer.format_timestamp(self._clock()),
            path,
            query,
            body or b"",
        )
        headers = {**signed.headers, "Accept": "application/json"}
        if body is not None:
            headers["Content-Type"] = JSON_CONTENT_TYPE
        connection_type = (
            http.client.HTTPSConnection
            if self._base.scheme == "https"
            else http.client.HTTPConnection
        )
        connection = connection_type(self._base.netloc, timeout=self._timeout)
        try:
            # Bytes, never str: http.client would encode a str body as ISO-8859-1.
            connection.request(method, target, body=body, headers=headers)
            answer = connection.getresponse()
            return ApiResponse(method, self._base.url_for(target), answer.status, answer.read())
        finally:
            connection.close()
