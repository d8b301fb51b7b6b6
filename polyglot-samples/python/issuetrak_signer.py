"""Signs Issuetrak API v1 requests with HMAC-SHA512 (docs/scheme.md).

Pure: no network, no clock, no randomness. The request ID and the timestamp are inputs;
``format_timestamp`` turns a clock reading (``time.time_ns()``) into the timestamp header.
Standard library only, so it also loads in-process elsewhere (GraalPy).

    >>> signed = sign(key, "GET", "c3838d04-46f8-43d6-92fd-62b3d0b59f3e",
    ...               "2014-09-10T17:28:08.3227351Z", "/NestedSite1/api/v1/issues/false/1")
    >>> signed.path
    '/nestedsite1/api/v1/issues/false/1'
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

__all__ = [
    "AUTHORIZATION_HEADER",
    "REQUEST_ID_HEADER",
    "TIMESTAMP_HEADER",
    "SignedRequest",
    "canonical_message",
    "canonical_path",
    "compute_signature",
    "format_timestamp",
    "parse_instant",
    "sign",
]

REQUEST_ID_HEADER = "X-Issuetrak-API-Request-ID"
TIMESTAMP_HEADER = "X-Issuetrak-API-Timestamp"
AUTHORIZATION_HEADER = "X-Issuetrak-API-Authorization"

_TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")  # RFC 9110 token
_UUID = re.compile(r"[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}")
# The canonical form and the variants the kit's verifier accepts (docs/scheme.md#timestamp).
_TIMESTAMP = re.compile(
    r"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.\d{1,7})?(?:Z|[+-](\d{2}):(\d{2}))", re.ASCII
)
_INSTANT = re.compile(r"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?Z", re.ASCII)
_PATH_REFUSED = re.compile(r"[?#\x00-\x1f\x7f]")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class SignedRequest:
    """Every stage of signing one request, as values a test can compare; holds no key.

    ``path`` is the path as signed (lowercased), ``message`` the exact bytes signed,
    ``signature`` the base64 HMAC-SHA512, ``headers`` the three signing headers in sending order.
    """

    path: str
    message: bytes
    signature: str
    headers: dict[str, str]


def canonical_path(path: str) -> str:
    """The path as signed: ``/NestedSite1/Api`` -> ``/nestedsite1/api``.

    Only ASCII is lowercased: a raw non-ASCII character is refused, because how the server
    lowercases it is unknown (docs/scheme.md#path); percent-encode it (``é`` -> ``%C3%A9``).
    """
    for index, char in enumerate(path):
        if ord(char) > 0x7F:
            raise ValueError(
                f"path {path!r} has the raw non-ASCII character {char!r} (U+{ord(char):04X}) "
                f"at index {index}; percent-encode non-ASCII path characters as UTF-8 "
                "(e.g. 'é' -> '%C3%A9'): how the server lowercases raw ones is unknown"
            )
    return path.lower()


def canonical_message(
    method: str, request_id: str, timestamp: str, path: str, query: str, body: bytes
) -> bytes:
    """``method LF requestId LF timestamp LF lower(path) LF query LF`` in UTF-8, then ``body``.

    ``body`` is appended as the raw bytes sent, never decoded. Raises ``ValueError`` naming the
    field, the rule and the value for a field that would make the message ambiguous.
    """
    if not _TOKEN.fullmatch(method):
        raise ValueError(
            f"method {method!r} is not an HTTP token (RFC 9110: letters, digits and "
            "!#$%&'*+-.^_`|~, at least one); e.g. 'GET'"
        )
    if not _UUID.fullmatch(request_id):
        raise ValueError(
            f"request ID {request_id!r} is not a UUID (8-4-4-4-12 hex digits, "
            "e.g. c3838d04-46f8-43d6-92fd-62b3d0b59f3e)"
        )
    _check_timestamp(timestamp)
    if not path.startswith("/"):
        raise ValueError(f"path {path!r} does not start with '/'; sign the URL's path as sent")
    if refused := _PATH_REFUSED.search(path):
        raise ValueError(
            f"path {path!r} contains {refused.group()!r} at index {refused.start()}; a path "
            "has no '?', '#' or control character (the query is its own field)"
        )
    if "\r" in query or "\n" in query:
        raise ValueError(
            f"query {query!r} contains CR or LF, which would make the message ambiguous"
        )
    if not isinstance(body, bytes | bytearray | memoryview):
        raise TypeError(
            f"body must be the bytes that are sent, not {type(body).__name__}; encode text once "
            "and send those same bytes"
        )
    head = "\n".join((method, request_id, timestamp, canonical_path(path), query)) + "\n"
    try:
        return head.encode("utf-8") + bytes(body)
    except UnicodeEncodeError as e:
        raise ValueError(f"{head!r} has an unpaired surrogate at index {e.start}") from None


def compute_signature(key: str, message: bytes) -> str:
    """Standard base64 (88 characters) of HMAC-SHA512 keyed with the key text's UTF-8 bytes.

    The key is used exactly as issued: never base64-decoded, never trimmed, never shown.
    """
    if not isinstance(key, str):
        raise TypeError(f"the API key must be text (str), not {type(key).__name__}")
    if not key:
        raise ValueError("the API key is empty; give the key text exactly as Issuetrak issued it")
    try:
        key_bytes = key.encode("utf-8")
    except UnicodeEncodeError as e:
        raise ValueError(f"the API key has an unpaired surrogate at index {e.start}") from None
    return base64.b64encode(hmac.digest(key_bytes, bytes(message), hashlib.sha512)).decode("ascii")


def sign(
    key: str,
    method: str,
    request_id: str,
    timestamp: str,
    path: str,
    query: str = "",
    body: bytes = b"",
) -> SignedRequest:
    """Signs one request: ``path`` as sent (lowercased here), ``query`` the raw query without
    ``?`` (signed verbatim), ``body`` the exact bytes sent (``b""`` for none)."""
    message = canonical_message(method, request_id, timestamp, path, query, body)
    signature = compute_signature(key, message)
    headers = {
        REQUEST_ID_HEADER: request_id,
        TIMESTAMP_HEADER: timestamp,
        AUTHORIZATION_HEADER: signature,
    }
    return SignedRequest(canonical_path(path), message, signature, headers)


def format_timestamp(epoch_nanos: int) -> str:
    """The timestamp header for nanoseconds since the Unix epoch: UTC, 7 fractional digits,
    truncated, never rounded. ``1410370088322735199`` -> ``2014-09-10T17:28:08.3227351Z``."""
    seconds, nanos = divmod(epoch_nanos, 1_000_000_000)
    try:
        moment = _EPOCH + timedelta(seconds=seconds)
    except OverflowError:
        raise ValueError(f"instant {epoch_nanos} ns is outside years 0001-9999") from None
    # Not strftime: its %Y does not pad years below 1000 on every platform.
    return f"{moment.year:04d}-{moment:%m-%dT%H:%M:%S}.{nanos // 100:07d}Z"


def parse_instant(text: str) -> int:
    """Nanoseconds since the Unix epoch for an ISO-8601 UTC instant with up to 9 fractional
    digits: ``2014-09-10T17:28:08.322735199Z`` -> ``1410370088322735199``."""
    if not (match := _INSTANT.fullmatch(text)):
        raise ValueError(
            f"instant {text!r} is not yyyy-MM-ddTHH:mm:ss, optionally '.' and 1 to 9 digits, "
            "then 'Z' (e.g. 2014-09-10T17:28:08.322735199Z)"
        )
    whole, fraction = match.groups()
    try:
        moment = datetime.fromisoformat(whole).replace(tzinfo=UTC)
    except ValueError as e:
        raise ValueError(f"instant {text!r} is not a date and time that exists: {e}") from None
    delta = moment - _EPOCH
    seconds = delta.days * 86_400 + delta.seconds
    return seconds * 1_000_000_000 + int((fraction or "").ljust(9, "0"))


def _check_timestamp(timestamp: str) -> None:
    if not (match := _TIMESTAMP.fullmatch(timestamp)):
        raise ValueError(
            f"timestamp {timestamp!r} is not yyyy-MM-ddTHH:mm:ss.fffffffZ (or 0 to 7 fractional "
            "digits, 'Z' or an offset +HH:MM); e.g. 2014-09-10T17:28:08.3227351Z"
        )
    whole, offset_hours, offset_minutes = match.groups()
    try:
        datetime.fromisoformat(whole)
    except ValueError as e:
        raise ValueError(
            f"timestamp {timestamp!r} is not a date and time that exists: {e}"
        ) from None
    if offset_hours is not None and (int(offset_hours) > 14 or int(offset_minutes) > 59):
        raise ValueError(f"timestamp {timestamp!r} has an offset beyond +/-14:59")
