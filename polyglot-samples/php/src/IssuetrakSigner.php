<?php

declare(strict_types=1);

namespace Itk\Issuetrak;

use DateTimeImmutable;
use DateTimeInterface;
use DateTimeZone;
use InvalidArgumentException;
use SensitiveParameterValue;

/**
 * Signs Issuetrak API v1 requests (docs/scheme.md): HMAC-SHA512 over the canonical message
 * `method LF requestId LF timestamp LF lowercase(path) LF query LF body`, keyed with the API key
 * text's UTF-8 bytes, sent as standard base64 in three headers.
 *
 *     $signer = new IssuetrakSigner($apiKey);
 *     $headers = $signer->headers('GET', $requestId, '2014-09-10T17:28:08.3227351Z', '/api/v1/notes/1', '', '');
 *     // X-Issuetrak-API-Request-ID, X-Issuetrak-API-Timestamp, X-Issuetrak-API-Authorization => values
 *
 * Pure: the request ID and the timestamp are inputs; the signer reads no clock. The key is never
 * shown: it is held as a SensitiveParameterValue, which var_export(), serialize() and stack traces
 * do not reveal; var_dump() and print_r() show a fingerprint.
 */
final class IssuetrakSigner
{
    public const REQUEST_ID_HEADER = 'X-Issuetrak-API-Request-ID';
    public const TIMESTAMP_HEADER = 'X-Issuetrak-API-Timestamp';
    public const AUTHORIZATION_HEADER = 'X-Issuetrak-API-Authorization';

    private const HTTP_TOKEN = '/\A[!#$%&\'*+\-.^_`|~0-9A-Za-z]+\z/';
    private const UUID = '/\A[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\z/';
    // The canonical form and the variants the kit's verifier accepts (0-7 fractional digits, Z or
    // an offset); the timestamp is signed verbatim, whatever its form.
    private const TIMESTAMP = '/\A\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?(Z|[+-]\d{2}:\d{2})\z/';
    // An ISO-8601 instant to format: up to 9 fractional digits (more than PHP's microseconds).
    private const INSTANT = '/\A(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})\z/';

    private readonly SensitiveParameterValue $apiKey;

    /** @param string $apiKey the key text exactly as issued: never trimmed, never base64-decoded */
    public function __construct(#[\SensitiveParameter] string $apiKey)
    {
        if ($apiKey === '') {
            throw new InvalidArgumentException('the API key is empty; use the key text exactly as issued');
        }
        if (preg_match('//u', $apiKey) !== 1) {
            throw new InvalidArgumentException(
                'the API key is not UTF-8 text; the HMAC key is the UTF-8 bytes of the key text as issued'
            );
        }
        $this->apiKey = new SensitiveParameterValue($apiKey);
    }

    /**
     * The three signing headers, in the order they are sent, for a request as it is sent:
     * `$path` is the URL path on the request line (lowercased here), `$query` the raw query
     * without `?` ('' when none), `$body` the exact body bytes ('' when none).
     *
     * @return array<string, string>
     * @throws InvalidArgumentException naming the field, the rule and the value (see canonicalMessage)
     */
    public function headers(
        string $method,
        string $requestId,
        string $timestamp,
        string $path,
        string $query,
        string $body,
    ): array {
        $message = self::canonicalMessage($method, $requestId, $timestamp, $path, $query, $body);
        return [
            self::REQUEST_ID_HEADER => $requestId,
            self::TIMESTAMP_HEADER => $timestamp,
            self::AUTHORIZATION_HEADER => $this->signature($message),
        ];
    }

    /** Standard base64 of the HMAC-SHA512 of `$message`: 88 characters ending in `==`. */
    public function signature(string $message): string
    {
        return base64_encode(hash_hmac('sha512', $message, $this->apiKey->getValue(), true));
    }

    /**
     * The bytes the signature covers: the six fields joined by line feeds, the path lowercased,
     * the body appended as given (PHP strings are bytes, so a body that is not UTF-8 is signed as
     * sent). `canonicalMessage('GET', 'c3838d04-...', '2014-09-10T17:28:08.3227351Z',
     * '/NestedSite1/api/v1/notes/1', '', '')` is
     * `"GET\nc3838d04-...\n2014-09-10T17:28:08.3227351Z\n/nestedsite1/api/v1/notes/1\n\n"`.
     *
     * @throws InvalidArgumentException for a field that would make an ambiguous message, and for a
     *     path with raw non-ASCII characters, whose lowercasing by the server is unknown
     */
    public static function canonicalMessage(
        string $method,
        string $requestId,
        string $timestamp,
        string $path,
        string $query,
        string $body,
    ): string {
        if (preg_match(self::HTTP_TOKEN, $method) !== 1) {
            throw new InvalidArgumentException(sprintf(
                'method %s is not an HTTP token (letters, digits and !#$%%&\'*+-.^_`|~), e.g. GET',
                self::quote($method),
            ));
        }
        if (preg_match(self::UUID, $requestId) !== 1) {
            throw new InvalidArgumentException(sprintf(
                'request ID %s is not a UUID (8-4-4-4-12 hex digits, e.g. c3838d04-46f8-43d6-92fd-62b3d0b59f3e)',
                self::quote($requestId),
            ));
        }
        if (preg_match(self::TIMESTAMP, $timestamp) !== 1) {
            throw new InvalidArgumentException(sprintf(
                'timestamp %s is not yyyy-MM-ddTHH:mm:ss.fffffffZ (or 0-7 fractional digits, or an offset)',
                self::quote($timestamp),
            ));
        }
        if (strcspn($query, "\r\n") !== strlen($query)) {
            throw new InvalidArgumentException(sprintf(
                'query %s contains a CR or LF, which would make the signed message ambiguous',
                self::quote($query),
            ));
        }
        return implode("\n", [$method, $requestId, $timestamp, self::canonicalPath($path), $query, $body]);
    }

    /**
     * The path as signed: lowercased, ASCII letters only, percent escapes kept (`/Caf%C3%A9` is
     * signed as `/caf%c3%a9`), double and trailing slashes kept.
     *
     * @throws InvalidArgumentException for a path that does not start with `/`, holds `?`, `#` or
     *     a control character, or holds a raw non-ASCII character
     */
    public static function canonicalPath(string $path): string
    {
        if (!str_starts_with($path, '/')) {
            throw new InvalidArgumentException(sprintf(
                'path %s does not start with /; sign the URL path as sent, e.g. /api/v1/notes/1',
                self::quote($path),
            ));
        }
        if (preg_match('/[?#\x00-\x1F\x7F]/', $path, $m, PREG_OFFSET_CAPTURE) === 1) {
            throw new InvalidArgumentException(sprintf(
                'path %s contains %s at byte %d; the path field is the URL path only,'
                . ' without query, fragment or control characters',
                self::quote($path),
                self::quote($m[0][0]),
                $m[0][1],
            ));
        }
        // How the server lowercases raw non-ASCII (Unicode version, final sigma, İ) is unknown
        // (docs/scheme.md#path): refuse rather than guess. PHP 8's strtolower is ASCII only.
        if (preg_match('/[\x80-\xFF]/', $path, $m, PREG_OFFSET_CAPTURE) === 1) {
            throw new InvalidArgumentException(sprintf(
                'path %s has a raw non-ASCII character at byte %d; percent-encode non-ASCII path characters'
                . ' as UTF-8 (e.g. /caf%%C3%%A9 for /café) before sending and signing:'
                . ' how the server lowercases them is unknown',
                self::quote($path),
                $m[0][1],
            ));
        }
        return strtolower($path);
    }

    /**
     * The timestamp header's canonical form, `yyyy-MM-ddTHH:mm:ss.fffffffZ` in UTC: seven
     * fractional digits, truncated, never rounded. Give a DateTimeInterface (PHP's clock has
     * microseconds) or an ISO-8601 instant as text to keep more digits:
     * `formatTimestamp('2014-09-10T17:28:08.322735199Z')` is `2014-09-10T17:28:08.3227351Z`.
     *
     * @throws InvalidArgumentException for text that is not an ISO-8601 instant, a date that does
     *     not exist, or a year outside 0001-9999
     */
    public static function formatTimestamp(DateTimeInterface|string $time): string
    {
        if ($time instanceof DateTimeInterface) {
            $seconds = DateTimeImmutable::createFromInterface($time);
            $fraction = $time->format('u') . '0';
        } else {
            $seconds = self::parseInstant($time, $fractionDigits);
            $fraction = substr(str_pad($fractionDigits, 7, '0'), 0, 7);
        }
        $utc = $seconds->setTimezone(new DateTimeZone('UTC'));
        $year = (int) $utc->format('Y');
        if ($year < 1 || $year > 9999) {
            throw new InvalidArgumentException(sprintf(
                'the time is in year %d in UTC; the timestamp header has years 0001-9999 only',
                $year,
            ));
        }
        return sprintf('%04d-%s.%sZ', $year, $utc->format('m-d\TH:i:s'), $fraction);
    }

    private static function parseInstant(string $text, ?string &$fractionDigits): DateTimeImmutable
    {
        if (preg_match(self::INSTANT, $text, $m) !== 1) {
            throw new InvalidArgumentException(sprintf(
                'instant %s is not ISO-8601 yyyy-MM-ddTHH:mm:ss[.fffffffff] with Z or an offset,'
                . ' e.g. 2014-09-10T17:28:08.3227351Z',
                self::quote($text),
            ));
        }
        $zone = $m[3] === 'Z' ? '+00:00' : $m[3];
        $seconds = DateTimeImmutable::createFromFormat('!Y-m-d\TH:i:sP', $m[1] . $zone);
        if ($seconds === false || $seconds->format('Y-m-d\TH:i:s') !== $m[1]) {
            throw new InvalidArgumentException(sprintf(
                'instant %s names a date or time that does not exist',
                self::quote($text),
            ));
        }
        $fractionDigits = $m[2];
        return $seconds;
    }

    /** A value for an error message, JSON-quoted so that invisible characters show. */
    private static function quote(string $value): string
    {
        return json_encode($value, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_INVALID_UTF8_SUBSTITUTE);
    }

    /** @return array<string, string> what var_dump() and print_r() show: a fingerprint, not the key */
    public function __debugInfo(): array
    {
        return ['apiKey' => 'sha256:' . substr(hash('sha256', $this->apiKey->getValue()), 0, 16)];
    }
}
