<?php

declare(strict_types=1);

namespace Itk\Issuetrak;

/**
 * The requests the vendor's PHP sample makes (create a note, get a note, get issues by number
 * list), signed with {@see IssuetrakSigner} and sent with PHP's own HTTP stream wrapper:
 * HTTP/1.1, no redirects followed, a timeout, and exactly the bytes that were signed.
 *
 *     $client = new IssuetrakClient('https://example.com/NestedSite1/api/v1', ApiKey::fromText($key));
 *     $response = $client->getNote(1);   // GET .../api/v1/notes/1
 *     echo $response->status, ' ', $response->body;
 *
 * The timestamp and the request IDs come from injectable sources (the system clock and random
 * version-4 UUIDs by default), so a run can be made reproducible.
 */
final class IssuetrakClient
{
    public const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

    /** Compact JSON: raw UTF-8 (no \u escapes, U+2028/U+2029 included), '/' and '<' as is. */
    private const JSON_FLAGS = JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_LINE_TERMINATORS
        | JSON_PRESERVE_ZERO_FRACTION | JSON_THROW_ON_ERROR;

    private readonly string $baseUrl;
    private readonly IssuetrakSigner $signer;
    /** @var \Closure(): string */
    private readonly \Closure $timestamps;
    /** @var \Closure(): string */
    private readonly \Closure $requestIds;

    /**
     * @param string $baseUrl the site's API base URL, site folders included, e.g.
     *     `http://127.0.0.1:8089/NestedSite1/api/v1`; routes are appended to it
     * @param (\Closure(): string)|null $timestamps the timestamp header of each request;
     *     default {@see self::systemTimestamps()}
     * @param (\Closure(): string)|null $requestIds the request ID of each request;
     *     default {@see self::randomRequestIds()}
     */
    public function __construct(
        string $baseUrl,
        ApiKey $key,
        ?\Closure $timestamps = null,
        ?\Closure $requestIds = null,
        private readonly float $timeoutSeconds = 30.0,
    ) {
        $this->baseUrl = self::checkedBaseUrl($baseUrl);
        $this->signer = new IssuetrakSigner($key);
        $this->timestamps = $timestamps ?? self::systemTimestamps();
        $this->requestIds = $requestIds ?? self::randomRequestIds();
    }

    /** `POST {base}/notes` with the note's fields, in the order given; answers the new note ID. */
    public function createNote(array|\stdClass $note): ApiResponse
    {
        return $this->send('POST', '/notes', '', self::encodeJson($note));
    }

    /** `GET {base}/notes/{noteId}`. */
    public function getNote(int $noteId): ApiResponse
    {
        return $this->send('GET', '/notes/' . $noteId);
    }

    /**
     * `GET {base}/issues/{includeNotes}/?issueNumbers=1,2,3`; the query is signed raw, without '?'.
     *
     * @param list<int> $issueNumbers
     */
    public function getIssuesByNumberList(array $issueNumbers, bool $includeNotes = false): ApiResponse
    {
        if ($issueNumbers === []) {
            throw new \InvalidArgumentException('issueNumbers is empty; ask for at least one issue number');
        }
        foreach ($issueNumbers as $number) {
            if (!is_int($number)) {
                throw new \InvalidArgumentException(sprintf('issue number %s is not an integer', json_encode($number)));
            }
        }
        // 'false', not 'False': the path sent and the path signed then differ only by lowercasing.
        return $this->send('GET', '/issues/' . ($includeNotes ? 'true' : 'false') . '/', 'issueNumbers=' . implode(',', $issueNumbers));
    }

    /**
     * Signs and sends one request: `$route` is appended to the base URL, `$query` (raw, without
     * '?') follows it, `$jsonBody` is sent as is with `Content-Type: application/json;
     * charset=utf-8` (null: no body and no Content-Type).
     */
    public function send(string $method, string $route, string $query = '', ?string $jsonBody = null): ApiResponse
    {
        if (!str_starts_with($route, '/')) {
            throw new \InvalidArgumentException(sprintf('route "%s" does not start with /, e.g. /notes/1', $route));
        }
        $url = $this->baseUrl . $route . ($query === '' ? '' : '?' . $query);
        // Sign the path and query of the URL PHP's HTTP wrapper sends (it parses URLs the same way).
        $signed = $this->signer->sign(
            $method,
            ($this->requestIds)(),
            ($this->timestamps)(),
            parse_url($url, PHP_URL_PATH) ?? '/',
            parse_url($url, PHP_URL_QUERY) ?? '',
            $jsonBody ?? '',
        );
        $headers = [];
        foreach ($signed->headers as $name => $value) {
            $headers[] = $name . ': ' . $value;
        }
        $http = [
            'method' => $method,
            'protocol_version' => 1.1,
            'follow_location' => 0,
            'ignore_errors' => true, // a 4xx or 5xx is an answer, not a failure to read one
            'timeout' => $this->timeoutSeconds,
        ];
        if ($jsonBody !== null) {
            $headers[] = 'Content-Type: ' . self::JSON_CONTENT_TYPE;
            $http['content'] = $jsonBody; // the signed bytes, unchanged
        }
        $http['header'] = $headers;
        return $this->exchange($method, $url, stream_context_create(['http' => $http]));
    }

    /** The JSON this client sends: compact, keys in the order given, raw UTF-8. */
    public static function encodeJson(mixed $value): string
    {
        return json_encode($value, self::JSON_FLAGS);
    }

    /** Timestamps from the system clock, in the canonical form (PHP's clock gives microseconds). */
    public static function systemTimestamps(): \Closure
    {
        return static fn (): string => IssuetrakTimestamp::format(Instant::now());
    }

    /** A new random version-4 UUID, lowercase, for every request. */
    public static function randomRequestIds(): \Closure
    {
        return static function (): string {
            $bytes = random_bytes(16);
            $bytes[6] = chr((ord($bytes[6]) & 0x0F) | 0x40); // version 4
            $bytes[8] = chr((ord($bytes[8]) & 0x3F) | 0x80); // RFC 4122 variant
            return vsprintf('%s%s-%s-%s-%s-%s%s%s', str_split(bin2hex($bytes), 4));
        };
    }

    /**
     * The given request IDs in order: the n-th request uses the n-th ID. Each ID can be used once
     * (a server with replay protection refuses a repeat), so running out is an error.
     *
     * @param list<string> $ids
     */
    public static function fixedRequestIds(array $ids): \Closure
    {
        $next = 0;
        return static function () use ($ids, &$next): string {
            if ($next >= count($ids)) {
                throw new \LengthException(sprintf('%d request ID(s) were given and request %d needs one more; every request needs its own ID', count($ids), $next + 1));
            }
            return $ids[$next++];
        };
    }

    private function exchange(string $method, string $url, $context): ApiResponse
    {
        $warnings = [];
        set_error_handler(static function (int $level, string $message) use (&$warnings): bool {
            $warnings[] = $message;
            return true;
        });
        try {
            $stream = fopen($url, 'rb', false, $context);
            if ($stream === false) {
                throw new \RuntimeException(sprintf('%s %s failed: %s', $method, $url, implode('; ', $warnings) ?: 'no answer'));
            }
            try {
                $body = stream_get_contents($stream);
                $meta = stream_get_meta_data($stream);
            } finally {
                fclose($stream);
            }
        } finally {
            restore_error_handler();
        }
        if ($body === false || $meta['timed_out']) {
            throw new \RuntimeException(sprintf('%s %s: no complete answer within %s s%s', $method, $url, $this->timeoutSeconds, $warnings ? ': ' . implode('; ', $warnings) : ''));
        }
        $responseHeaders = $meta['wrapper_data'] ?? [];
        $status = null;
        foreach ($responseHeaders as $line) {
            if (preg_match('#\AHTTP/\d(?:\.\d)? (\d{3})#', $line, $m) === 1) {
                $status = (int) $m[1]; // the last status line wins (after any 1xx)
            }
        }
        if ($status === null) {
            throw new \RuntimeException(sprintf('%s %s: the answer has no HTTP status line', $method, $url));
        }
        return new ApiResponse($method, $url, $status, $responseHeaders, $body);
    }

    private static function checkedBaseUrl(string $baseUrl): string
    {
        $parts = parse_url($baseUrl);
        if ($parts === false || !in_array(strtolower($parts['scheme'] ?? ''), ['http', 'https'], true) || ($parts['host'] ?? '') === '') {
            throw new \InvalidArgumentException(sprintf('base URL "%s" is not an absolute http:// or https:// URL with a host, e.g. https://example.com/api/v1', $baseUrl));
        }
        if (isset($parts['query']) || isset($parts['fragment']) || str_contains($baseUrl, '?') || str_contains($baseUrl, '#')) {
            throw new \InvalidArgumentException(sprintf('base URL "%s" has a query or fragment; give the API base only, e.g. https://example.com/api/v1', $baseUrl));
        }
        // Routes start with '/': drop the base's trailing ones so no '//' is sent.
        return rtrim($baseUrl, '/');
    }

    public function __debugInfo(): array
    {
        return ['baseUrl' => $this->baseUrl, 'signer' => $this->signer];
    }
}
