<?php

declare(strict_types=1);

namespace Itk\Issuetrak;

/**
 * The message an Issuetrak request signature covers, as bytes:
 * `method LF requestId LF timestamp LF lowercase(path) LF query LF body`.
 * See docs/scheme.md#canonical-message.
 *
 * The body is appended as the raw bytes given (PHP strings are bytes), never decoded, so a body
 * that is not UTF-8 is signed exactly as it is sent.
 *
 * Example: `CanonicalMessage::of('GET', 'c3838d04-...', '2014-09-10T17:28:08.3227351Z',
 * '/NestedSite1/NestedSite2/api/v1/issues/false/1', '', '')->bytes` is
 * `"GET\nc3838d04-...\n2014-09-10T17:28:08.3227351Z\n/nestedsite1/nestedsite2/api/v1/issues/false/1\n\n"`.
 */
final class CanonicalMessage
{
    private const HTTP_TOKEN = '/\A[!#$%&\'*+\-.^_`|~0-9A-Za-z]+\z/';
    private const UUID = '/\A[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\z/';
    // The canonical form and the variants the kit's verifier accepts: 1-7 fractional digits or
    // none, then Z or an offset. The timestamp is signed verbatim, whatever its form.
    private const TIMESTAMP = '/\A[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,7})?(Z|[+-][0-9]{2}:[0-9]{2})\z/';
    private const CAPITAL_SIGMA = "\u{03A3}";
    private const SMALL_SIGMA = "\u{03C3}";
    private const FINAL_SIGMA = "\u{03C2}";

    /** The signed bytes: six fields joined by five line feeds, nothing after the body. */
    public readonly string $bytes;

    private function __construct(
        public readonly string $method,
        public readonly string $requestId,
        public readonly string $timestamp,
        /** The lowercased path, e.g. `/nestedsite1/nestedsite2/api/v1/notes`. */
        public readonly string $path,
        /** The raw query without `?`, signed verbatim, e.g. `issueNumbers=1,2,3`. */
        public readonly string $query,
        public readonly string $body,
    ) {
        $this->bytes = implode("\n", [$method, $requestId, $timestamp, $path, $query, $body]);
    }

    /**
     * Builds the message from the request as sent: `$rawPath` is the URL path on the request line
     * (lowercased here), `$query` the raw query without `?` ('' when none), `$body` the exact
     * body bytes ('' when none).
     *
     * @throws \InvalidArgumentException naming the field, the rule and the value when a field
     *     would make an ambiguous or unsendable message
     */
    public static function of(
        string $method,
        string $requestId,
        string $timestamp,
        string $rawPath,
        string $query,
        string $body,
    ): self {
        if (preg_match(self::HTTP_TOKEN, $method) !== 1) {
            throw new \InvalidArgumentException(sprintf('method %s is not an HTTP token (RFC 9110: letters, digits and !#$%%&\'*+-.^_`|~); send and sign it as is, e.g. GET', self::quote($method)));
        }
        if (preg_match(self::UUID, $requestId) !== 1) {
            throw new \InvalidArgumentException(sprintf('request ID %s is not a UUID (8-4-4-4-12 hex digits, e.g. c3838d04-46f8-43d6-92fd-62b3d0b59f3e)', self::quote($requestId)));
        }
        if (preg_match(self::TIMESTAMP, $timestamp) !== 1) {
            throw new \InvalidArgumentException(sprintf('timestamp %s is not in the form yyyy-MM-ddTHH:mm:ss.fffffffZ (or a variant with 0-7 fractional digits or an offset)', self::quote($timestamp)));
        }
        if (strlen($query) !== strcspn($query, "\r\n")) {
            throw new \InvalidArgumentException(sprintf('query %s contains a CR or LF; a line break would make the message ambiguous', self::quote($query)));
        }
        return new self($method, $requestId, $timestamp, self::canonicalPath($rawPath), $query, $body);
    }

    /**
     * The path as signed: the raw path lowercased, locale-independent, by the full Unicode rules
     * (Python's str.lower, Java's toLowerCase(Locale.ROOT)). Percent escapes stay escaped, their
     * hex digits lowercased: `/Caf%C3%A9` gives `/caf%c3%a9`. Double and trailing slashes and dot
     * segments are kept.
     *
     * @throws \InvalidArgumentException for an empty path, one not starting with `/`, one with
     *     `?`, `#` or a control character, or one that is not UTF-8
     */
    public static function canonicalPath(string $rawPath): string
    {
        if ($rawPath === '' || $rawPath[0] !== '/') {
            throw new \InvalidArgumentException(sprintf('path %s does not start with /; sign the URL path as sent, e.g. /api/v1/notes/1', self::quote($rawPath)));
        }
        if (preg_match('/[?#\x00-\x1F\x7F]/', $rawPath, $m, PREG_OFFSET_CAPTURE) === 1) {
            throw new \InvalidArgumentException(sprintf('path %s contains %s at byte %d; the path field holds the URL path only, without query, fragment or control characters', self::quote($rawPath), self::quote($m[0][0]), $m[0][1]));
        }
        if (preg_match('/[\x80-\xFF]/', $rawPath) !== 1) {
            return strtolower($rawPath); // ASCII only; PHP 8's strtolower ignores the locale
        }
        if (preg_match('//u', $rawPath) !== 1) {
            throw new \InvalidArgumentException('path contains bytes that are not UTF-8; percent-encode them (e.g. %E9) before sending and signing');
        }
        if (!str_contains($rawPath, self::CAPITAL_SIGMA)) {
            return strtr($rawPath, UnicodeLowercaseTable::MAP);
        }
        $chars = preg_split('//u', $rawPath, -1, PREG_SPLIT_NO_EMPTY);
        $lower = '';
        foreach ($chars as $i => $char) {
            $lower .= $char === self::CAPITAL_SIGMA
                ? (self::isFinalSigma($chars, $i) ? self::FINAL_SIGMA : self::SMALL_SIGMA)
                : (UnicodeLowercaseTable::MAP[$char] ?? $char);
        }
        return $lower;
    }

    /**
     * Unicode's Final_Sigma condition (as Python and Java apply it): a cased letter before the
     * sigma and none after it, skipping case-ignorable characters both ways. 'ΣΑΣ' gives 'σας'.
     *
     * @param list<string> $chars
     */
    private static function isFinalSigma(array $chars, int $at): bool
    {
        for ($j = $at - 1; $j >= 0 && self::isCaseIgnorable($chars[$j]); $j--) {
        }
        if ($j < 0 || !self::isCased($chars[$j])) {
            return false;
        }
        for ($j = $at + 1; $j < count($chars) && self::isCaseIgnorable($chars[$j]); $j++) {
        }
        return $j === count($chars) || !self::isCased($chars[$j]);
    }

    private static function isCased(string $char): bool
    {
        return self::hasProperty('Cased', $char);
    }

    private static function isCaseIgnorable(string $char): bool
    {
        return self::hasProperty('Case_Ignorable', $char);
    }

    private static function hasProperty(string $property, string $char): bool
    {
        // Binary Unicode properties need PCRE2 10.40 or later (PHP 8.2 bundles 10.40).
        $found = @preg_match('/\A\p{' . $property . '}\z/u', $char);
        if ($found === false) {
            throw new \RuntimeException(sprintf('this PHP\'s PCRE2 (%s) does not know the Unicode property %s; PCRE2 10.40 or later is needed to lowercase a Greek capital sigma', PCRE_VERSION, $property));
        }
        return $found === 1;
    }

    /** A value for an error message: JSON-quoted, so invisible characters show. */
    private static function quote(string $value): string
    {
        return json_encode($value, JSON_UNESCAPED_SLASHES | JSON_INVALID_UTF8_SUBSTITUTE);
    }
}
