"""Signs Issuetrak API v1 requests with HMAC-SHA512 (docs/scheme.md).

Pure and self-contained: no network, no HTTP, no clock, no randomness. The request ID and the
timestamp are inputs; ``format_timestamp`` turns a clock reading (nanoseconds since the Unix
epoch) into the timestamp header. Standard library only, so it also loads in-process elsewhere
(GraalPy).

    >>> signed = sign("dUd4...", "GET", "c3838d04-46f8-43d6-92fd-62b3d0b59f3e",
    ...               "2014-09-10T17:28:08.3227351Z", "/NestedSite1/api/v1/issues/false/1")
    >>> signed.message      # b'GET\\nc3838d04-...\\n2014-...Z\\n/nestedsite1/api/v1/issues/false/1\\n\\n'
    >>> signed.headers      # {'X-Issuetrak-API-Request-ID': ..., '...-Timestamp': ..., '...-Authorization': ...}
"""

import base64
import datetime as _dt
import hashlib
import hmac
import re
from dataclasses import dataclass

__all__ = [
    "REQUEST_ID_HEADER",
    "TIMESTAMP_HEADER",
    "AUTHORIZATION_HEADER",
    "SignedRequest",
    "canonical_path",
    "canonical_message",
    "compute_signature",
    "signature_headers",
    "sign",
    "format_timestamp",
    "parse_instant",
]

REQUEST_ID_HEADER = "X-Issuetrak-API-Request-ID"
TIMESTAMP_HEADER = "X-Issuetrak-API-Timestamp"
AUTHORIZATION_HEADER = "X-Issuetrak-API-Authorization"

# RFC 9110 token characters.
_TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
# The canonical form and the variants the kit's verifier accepts (docs/scheme.md#timestamp).
_TIMESTAMP = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})"
    r"(?:\.[0-9]{1,7})?(?:Z|[+-]([0-9]{2}):([0-9]{2}))"
)
_INSTANT = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]{1,9}))?Z"
)
_PATH_REFUSED = re.compile(r"[?#\x00-\x1f\x7f]")
_FIELD_NAMES = ("method", "request ID", "timestamp", "path", "query")
_EPOCH = _dt.datetime(1970, 1, 1)
_NANOS_PER_SECOND = 1_000_000_000


@dataclass(frozen=True)
class SignedRequest:
    """Every stage of signing one request, as values a test can compare.

    ``path`` is the lowercased path, ``message`` the exact bytes signed, ``signature`` the
    base64 HMAC-SHA512 and ``headers`` the three signing headers in the order they are sent.
    Holds no key.
    """

    path: str
    message: bytes
    signature: str
    headers: dict


def canonical_path(path):
    """The path as signed: ``path`` lowercased, locale-independently (``/Api/V1`` -> ``/api/v1``).

    ``str.lower`` applies Unicode's full lowercase mapping whatever the locale, which is what
    the vectors expect (``STRAẞE`` -> ``straße``, final sigma ``ΟΔΟΣ`` -> ``οδος``).
    """
    return path.lower()


def canonical_message(method, request_id, timestamp, path, query, body):
    """The bytes to sign: ``method LF requestId LF timestamp LF lower(path) LF query LF`` + body.

    The five text fields are encoded as UTF-8; ``body`` is appended as the raw bytes that are
    sent, never decoded, so a body that is not UTF-8 signs correctly. Raises ``ValueError``
    naming the field, the rule and the value for a field that would make the message ambiguous
    or that no HTTP server would hand over.
    """
    _check_text("method", method)
    if not _TOKEN.fullmatch(method):
        raise ValueError(
            f"method {method!r} is not an HTTP token (RFC 9110: letters, digits and "
            "!#$%&'*+-.^_`|~, at least one); send and sign e.g. 'GET'"
        )
    _check_text("request ID", request_id)
    if not _UUID.fullmatch(request_id):
        raise ValueError(
            f"request ID {request_id!r} is not a UUID (8-4-4-4-12 hex digits, "
            "e.g. c3838d04-46f8-43d6-92fd-62b3d0b59f3e)"
        )
    _check_timestamp(timestamp)
    _check_text("path", path)
    if not path.startswith("/"):
        raise ValueError(f"path {path!r} does not start with '/'; sign the URL's path as sent")
    refused = _PATH_REFUSED.search(path)
    if refused:
        raise ValueError(
            f"path {path!r} contains {refused.group()!r} at index {refused.start()}; a path "
            "has no '?', '#' or control character (the query is its own field)"
        )
    _check_text("query", query, may_be_empty=True)
    if "\r" in query or "\n" in query:
        raise ValueError(f"query {query!r} contains CR or LF, which would make the message ambiguous")
    if not isinstance(body, (bytes, bytearray, memoryview)):
        raise TypeError(
            f"body must be the bytes that are sent, not {type(body).__name__}; encode text once "
            "(text.encode('utf-8')) and send those same bytes"
        )
    fields = (method, request_id, timestamp, canonical_path(path), query)
    head = b"".join(_utf8(name, value) + b"\n" for name, value in zip(_FIELD_NAMES, fields))
    return head + bytes(body)


def compute_signature(key, message):
    """Standard base64 (padded, 88 characters) of HMAC-SHA512 keyed with the key text's UTF-8.

    The key is used exactly as issued: never base64-decoded, never trimmed. Error messages
    never show it.
    """
    if not isinstance(key, str):
        raise TypeError(f"the API key must be text (str), not {type(key).__name__}")
    if not key:
        raise ValueError("the API key is empty; give the key text exactly as Issuetrak issued it")
    try:
        key_bytes = key.encode("utf-8")
    except UnicodeEncodeError as e:
        raise ValueError(
            f"the API key has a character with no UTF-8 encoding (an unpaired surrogate) at "
            f"index {e.start}; the key must be text"
        ) from None
    digest = hmac.new(key_bytes, bytes(message), hashlib.sha512).digest()
    return base64.b64encode(digest).decode("ascii")


def signature_headers(request_id, timestamp, signature):
    """The three signing headers, in the order the kit sends them."""
    return {
        REQUEST_ID_HEADER: request_id,
        TIMESTAMP_HEADER: timestamp,
        AUTHORIZATION_HEADER: signature,
    }


def sign(key, method, request_id, timestamp, path, query="", body=b""):
    """Signs one request: ``path`` is the raw path as sent (lowercased here), ``query`` the raw
    query without ``?`` (signed verbatim), ``body`` the exact bytes sent (``b""`` for none)."""
    message = canonical_message(method, request_id, timestamp, path, query, body)
    signature = compute_signature(key, message)
    return SignedRequest(
        path=canonical_path(path),
        message=message,
        signature=signature,
        headers=signature_headers(request_id, timestamp, signature),
    )


def format_timestamp(epoch_nanos):
    """The timestamp header for an instant given as nanoseconds since the Unix epoch (what
    ``time.time_ns()`` returns): UTC, ``yyyy-MM-ddTHH:mm:ss.fffffffZ``, 7 digits, truncated to
    100 ns, never rounded. ``1410370088322735199`` -> ``2014-09-10T17:28:08.3227351Z``.
    """
    if isinstance(epoch_nanos, bool) or not isinstance(epoch_nanos, int):
        raise TypeError(
            f"the instant must be an int of nanoseconds since the Unix epoch, "
            f"not {type(epoch_nanos).__name__}"
        )
    seconds, nanos = divmod(epoch_nanos, _NANOS_PER_SECOND)
    try:
        moment = _EPOCH + _dt.timedelta(seconds=seconds)
    except OverflowError:
        raise ValueError(
            f"instant {epoch_nanos} ns since the epoch is outside years 0001-9999, "
            "which the timestamp form cannot write"
        ) from None
    # Formatted by hand: strftime's %Y does not pad years below 1000 on every platform.
    return (
        f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}T"
        f"{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}.{nanos // 100:07d}Z"
    )


def parse_instant(text):
    """Nanoseconds since the Unix epoch for an ISO-8601 UTC instant with up to 9 fractional
    digits: ``2014-09-10T17:28:08.322735199Z`` -> ``1410370088322735199``."""
    match = _INSTANT.fullmatch(text) if isinstance(text, str) else None
    if not match:
        raise ValueError(
            f"instant {text!r} is not an ISO-8601 UTC instant "
            "(yyyy-MM-ddTHH:mm:ss, optionally '.' and 1 to 9 digits, then 'Z'; "
            "e.g. 2014-09-10T17:28:08.322735199Z)"
        )
    year, month, day, hour, minute, second, fraction = match.groups()
    try:
        moment = _dt.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second))
    except ValueError as e:
        raise ValueError(f"instant {text!r} is not a date and time that exists: {e}") from None
    delta = moment - _EPOCH
    seconds = delta.days * 86_400 + delta.seconds
    return seconds * _NANOS_PER_SECOND + int((fraction or "").ljust(9, "0"))


def _check_text(name, value, *, may_be_empty=False):
    if not isinstance(value, str):
        raise TypeError(f"{name} must be text (str), not {type(value).__name__}")
    if not value and not may_be_empty:
        raise ValueError(f"{name} is empty")


def _check_timestamp(timestamp):
    _check_text("timestamp", timestamp)
    match = _TIMESTAMP.fullmatch(timestamp)
    if not match:
        raise ValueError(
            f"timestamp {timestamp!r} is not yyyy-MM-ddTHH:mm:ss.fffffffZ (or a variant: 0 to 7 "
            "fractional digits, 'Z' or an offset +HH:MM); e.g. 2014-09-10T17:28:08.3227351Z"
        )
    year, month, day, hour, minute, second, offset_hours, offset_minutes = match.groups()
    try:
        _dt.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second))
    except ValueError as e:
        raise ValueError(f"timestamp {timestamp!r} is not a date and time that exists: {e}") from None
    if offset_hours is not None and (int(offset_hours) > 14 or int(offset_minutes) > 59):
        raise ValueError(
            f"timestamp {timestamp!r} has an offset beyond +/-14:59 (hours at most 14, "
            "minutes at most 59)"
        )


def _utf8(name, value):
    try:
        return value.encode("utf-8")
    except UnicodeEncodeError as e:
        raise ValueError(
            f"{name} {value!r} has a character with no UTF-8 encoding (an unpaired surrogate) "
            f"at index {e.start}"
        ) from None
