<?php

declare(strict_types=1);

namespace Itk\Issuetrak;

use Closure;
use DateTimeImmutable;
use DateTimeInterface;
use InvalidArgumentException;
use stdClass;

/**
 * A client for the Issuetrak REST API v1: each request signed by {@see IssuetrakSigner} and sent
 * with PHP's HTTP stream wrapper (HTTP/1.1, redirects not followed, a timeout), the bytes sent
 * exactly the bytes signed. An answer of any status is returned as a {@see Response}.
 *
 *     $client = new IssuetrakClient('https://example.com/HelpDesk/api/v1', getenv('ISSUETRAK_API_KEY'));
 *     $note = $client->getNote(1)->json();                   // GET .../api/v1/notes/1
 *     $client->createNote(['IssueNumber' => 1, 'NoteText' => 'Called back']);
 *     $client->send('GET', '/issuetypes', 'active=true');     // any route
 *
 * Bodies are JSON as PHP developers write it (arrays or objects), encoded once: compact, keys in
 * the order given, raw UTF-8, `/` and `<` as is.
 */
final class IssuetrakClient
{
    public const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

    /** Issue fields the server refuses in an update (docs/client.md#update-issue). */
    public const READ_ONLY_ISSUE_FIELDS = [
        'Metadata', 'ExtensionData', 'Notes', 'SubmittedDate', 'SLAComplianceStatus', 'Slaid',
    ];

    /** Fields of each of an issue's UserDefinedFields the server refuses in an update. */
    public const READ_ONLY_USER_DEFINED_FIELD_FIELDS = ['ExtensionData', 'Metadata', 'DisplayName'];

    // Compact, raw UTF-8 (U+2028 and U+2029 too), '/' as is; '<', '>' and '&' are escaped only
    // with the JSON_HEX_* flags, which are not used.
    private const JSON_FLAGS = JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE
        | JSON_UNESCAPED_LINE_TERMINATORS | JSON_PRESERVE_ZERO_FRACTION | JSON_THROW_ON_ERROR;

    private readonly string $origin;
    private readonly string $basePath;
    private readonly IssuetrakSigner $signer;
    private readonly Closure $clock;
    private readonly Closure $requestIds;

    /**
     * @param string $baseUrl the site's API base URL, site folders included, e.g.
     *     `https://example.com/HelpDesk/api/v1`; routes are appended to it
     * @param string $apiKey the key text exactly as issued
     * @param (Closure(): (DateTimeInterface|string))|null $clock the time of each request, a
     *     DateTimeInterface or an ISO-8601 instant as text (see IssuetrakSigner::formatTimestamp);
     *     default: the system clock
     * @param (Closure(): string)|null $requestIds a new request ID for each request; default:
     *     random version-4 UUIDs
     * @param (Closure(Response): void)|null $onResponse called with every answer, e.g. to log it
     */
    public function __construct(
        string $baseUrl,
        #[\SensitiveParameter] string $apiKey,
        ?Closure $clock = null,
        ?Closure $requestIds = null,
        private readonly float $timeoutSeconds = 30.0,
        private readonly ?Closure $onResponse = null,
    ) {
        $url = parse_url($baseUrl) ?: [];
        $scheme = strtolower($url['scheme'] ?? '');
        if (!in_array($scheme, ['http', 'https'], true) || ($url['host'] ?? '') === '') {
            throw new InvalidArgumentException(sprintf(
                'base URL "%s" is not an absolute http:// or https:// URL with a host, e.g. https://example.com/api/v1',
                $baseUrl,
            ));
        }
        if (strpbrk($baseUrl, '?#') !== false) {
            throw new InvalidArgumentException(sprintf(
                'base URL "%s" has a query or fragment; give the API base only, e.g. https://example.com/api/v1',
                $baseUrl,
            ));
        }
        $this->origin = $scheme . '://' . $url['host'] . (isset($url['port']) ? ':' . $url['port'] : '');
        // Routes start with '/': the base's trailing '/' is dropped so that no '//' is sent.
        $this->basePath = rtrim($url['path'] ?? '', '/');
        $this->signer = new IssuetrakSigner($apiKey);
        $this->clock = $clock ?? static fn (): DateTimeInterface => new DateTimeImmutable();
        $this->requestIds = $requestIds ?? self::randomUuid(...);
    }

    /** `GET {base}/issues/{includeNotes}/{issueNumber}`: one issue. */
    public function getIssue(int $issueNumber, bool $includeNotes = false): Response
    {
        return $this->send('GET', sprintf('/issues/%s/%d', $includeNotes ? 'true' : 'false', $issueNumber));
    }

    /**
     * `GET {base}/issues/{includeNotes}/?issueNumbers=1,2,3`: several issues, in the order asked.
     *
     * @param list<int> $issueNumbers
     */
    public function getIssues(array $issueNumbers, bool $includeNotes = false): Response
    {
        if ($issueNumbers === []) {
            throw new InvalidArgumentException('issueNumbers is empty; ask for at least one issue number');
        }
        $numbers = array_map(static fn (int $number): string => (string) $number, $issueNumbers);
        $route = sprintf('/issues/%s/', $includeNotes ? 'true' : 'false');
        return $this->send('GET', $route, 'issueNumbers=' . implode(',', $numbers));
    }

    /** `POST {base}/issues` with the new issue's fields; the answer is the new issue number. */
    public function createIssue(array|object $issue): Response
    {
        return $this->send('POST', '/issues', '', self::encodeJson($issue));
    }

    /**
     * Read-modify-write: `GET {base}/issues/false/{issueNumber}`, drops the read-only fields (also
     * from each user-defined field), sets `$changes` in place (every other field kept in the order
     * read, unknown ones included), then `PUT {base}/issues`. Returns the PUT's answer.
     *
     *     $client->updateIssue(1, ['Subject' => 'Printer fixed']);
     *
     * Decimals are read as PHP floats, so `1.50` is sent back as `1.5`.
     *
     * @param array<string, mixed>|object $changes the fields to set, e.g. `['Subject' => 'Fixed']`
     * @param list<string> $readOnlyFields
     * @param list<string> $readOnlyUserDefinedFieldFields
     * @throws IssuetrakException if the issue cannot be read: the PUT needs it
     */
    public function updateIssue(
        int $issueNumber,
        array|object $changes,
        array $readOnlyFields = self::READ_ONLY_ISSUE_FIELDS,
        array $readOnlyUserDefinedFieldFields = self::READ_ONLY_USER_DEFINED_FIELD_FIELDS,
    ): Response {
        $read = $this->getIssue($issueNumber);
        if (!$read->isSuccess()) {
            throw new IssuetrakException(sprintf(
                '%s answered %d, so issue %d cannot be updated: %s',
                $read->url,
                $read->status,
                $issueNumber,
                $read->body,
            ), $read);
        }
        $issue = $read->json();
        if (!$issue instanceof stdClass) {
            $what = sprintf('%s answered %s, not an issue (a JSON object)', $read->url, get_debug_type($issue));
            throw new IssuetrakException($what, $read);
        }
        foreach ($readOnlyFields as $field) {
            unset($issue->{$field});
        }
        foreach ($issue->UserDefinedFields ?? [] as $userDefinedField) {
            foreach ($userDefinedField instanceof stdClass ? $readOnlyUserDefinedFieldFields : [] as $field) {
                unset($userDefinedField->{$field});
            }
        }
        foreach ($changes as $field => $value) {
            $issue->{$field} = $value; // a field that is there keeps its place
        }
        return $this->send('PUT', '/issues', '', self::encodeJson($issue));
    }

    /** `POST {base}/issues/search` with the search's fields (SearchIssueDTO): one page of issues. */
    public function searchIssues(array|object $search): Response
    {
        return $this->send('POST', '/issues/search', '', self::encodeJson($search));
    }

    /** `GET {base}/notes/{noteId}`: one note. */
    public function getNote(int $noteId): Response
    {
        return $this->send('GET', '/notes/' . $noteId);
    }

    /** `GET {base}/notes/issue/{issueNumber}`: every note of an issue. */
    public function getNotesOfIssue(int $issueNumber): Response
    {
        return $this->send('GET', '/notes/issue/' . $issueNumber);
    }

    /** `POST {base}/notes` with the note's fields; the answer is the new note ID. */
    public function createNote(array|object $note): Response
    {
        return $this->send('POST', '/notes', '', self::encodeJson($note));
    }

    /**
     * Signs and sends any request, e.g. `send('GET', '/users/admin/false')`.
     *
     * @param string $method upper case, e.g. `GET`
     * @param string $route the path after the base URL, starting with `/`, percent-encoded as it
     *     is to be sent, e.g. `/attachments/issue/1/false`
     * @param string $query the raw query without `?`, sent and signed as given; '' for none
     * @param string|null $body the exact body bytes, sent with `Content-Type: application/json;
     *     charset=utf-8`; null or '' for none (no Content-Type either)
     * @throws InvalidArgumentException naming the value and the rule it breaks
     * @throws IssuetrakException if no answer came
     */
    public function send(string $method, string $route, string $query = '', ?string $body = null): Response
    {
        if (!str_starts_with($route, '/')) {
            throw new InvalidArgumentException(sprintf('route "%s" does not start with /, e.g. /notes/1', $route));
        }
        $path = $this->basePath . $route;
        $timestamp = IssuetrakSigner::formatTimestamp(($this->clock)());
        $headers = $this->signer->headers($method, ($this->requestIds)(), $timestamp, $path, $query, $body ?? '');
        $headers['Accept'] = 'application/json';
        $http = [
            'method' => $method,
            'protocol_version' => 1.1,
            'follow_location' => 0, // a redirect would be signed for one path and sent to another
            'ignore_errors' => true, // a 4xx or 5xx is an answer, not a failure to get one
            'timeout' => $this->timeoutSeconds,
        ];
        if ($body !== null && $body !== '') {
            $headers['Content-Type'] = self::JSON_CONTENT_TYPE;
            $http['content'] = $body; // the signed bytes, unchanged
        }
        $http['header'] = array_map(
            static fn (string $name, string $value): string => $name . ': ' . $value,
            array_keys($headers),
            $headers,
        );
        $url = $this->origin . $path . ($query === '' ? '' : '?' . $query);
        $response = $this->exchange($method, $url, stream_context_create(['http' => $http]));
        if ($this->onResponse !== null) {
            ($this->onResponse)($response);
        }
        return $response;
    }

    /** The JSON this client sends: compact, keys in the order given, raw UTF-8, `/` and `<` as is. */
    public static function encodeJson(mixed $value): string
    {
        return json_encode($value, self::JSON_FLAGS);
    }

    /** @param resource $context */
    private function exchange(string $method, string $url, $context): Response
    {
        $warnings = [];
        set_error_handler(static function (int $level, string $message) use (&$warnings): bool {
            $warnings[] = $message;
            return true;
        });
        try {
            $stream = fopen($url, 'rb', false, $context);
            if ($stream === false) {
                $why = implode('; ', $warnings) ?: 'no answer';
                throw new IssuetrakException(sprintf('%s %s failed: %s', $method, $url, $why));
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
            $seconds = $this->timeoutSeconds;
            throw new IssuetrakException(sprintf('%s %s: no complete answer within %s s', $method, $url, $seconds));
        }
        $status = null;
        foreach ($meta['wrapper_data'] ?? [] as $line) {
            if (preg_match('#\AHTTP/\d(?:\.\d)? (\d{3})#', $line, $m) === 1) {
                $status = (int) $m[1]; // the last status line wins (after any 1xx)
            }
        }
        if ($status === null) {
            throw new IssuetrakException(sprintf('%s %s: the answer has no HTTP status line', $method, $url));
        }
        return new Response($method, $url, $status, $body);
    }

    /** A random version-4 UUID, lowercase. */
    private static function randomUuid(): string
    {
        $bytes = random_bytes(16);
        $bytes[6] = chr((ord($bytes[6]) & 0x0F) | 0x40); // version 4
        $bytes[8] = chr((ord($bytes[8]) & 0x3F) | 0x80); // RFC 4122 variant
        return vsprintf('%s%s-%s-%s-%s-%s%s%s', str_split(bin2hex($bytes), 4));
    }

    /** @return array<string, mixed> what var_dump() and print_r() show; the signer shows no key */
    public function __debugInfo(): array
    {
        return ['baseUrl' => $this->origin . $this->basePath, 'signer' => $this->signer];
    }
}
