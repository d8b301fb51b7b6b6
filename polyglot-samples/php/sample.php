<?php

declare(strict_types=1);

/*
 * The vendor's PHP sample, done right: create a note, retrieve a note, retrieve issues by
 * number list, each request signed with HMAC-SHA512.
 *
 *   ITK_BASE_URL=http://127.0.0.1:8089/api/v1 ITK_API_KEY=... php sample.php
 *
 * Optional, for reproducible runs: ITK_TIMESTAMP (an ISO-8601 UTC instant such as
 * 2014-09-10T17:28:08.3227351Z, used for every request) and ITK_REQUEST_ID (one UUID per request,
 * comma-separated: this sample makes 3 requests). The key is never printed.
 */

use Itk\Issuetrak\ApiKey;
use Itk\Issuetrak\ApiResponse;
use Itk\Issuetrak\Instant;
use Itk\Issuetrak\IssuetrakClient;
use Itk\Issuetrak\IssuetrakTimestamp;

require __DIR__ . '/src/autoload.php';

const NOTE = [
    'IssueNumber' => 1,
    'CreatedBy' => 'admin',
    'NoteText' => 'Added by the Issuetrak PHP sample – “résumé” received ✓',
    'IsPrivate' => false,
    'IsRichText' => false,
    'ShouldSuppressEmailForCreateOperation' => true,
];
const NOTE_ID = 1;
const ISSUE_NUMBERS = [1, 2, 3];
const REQUEST_COUNT = 3;

final class ConfigurationError extends RuntimeException
{
}

/** The client configured by ITK_BASE_URL, ITK_API_KEY and the optional ITK_TIMESTAMP, ITK_REQUEST_ID. */
function clientFromEnvironment(array $env): IssuetrakClient
{
    $baseUrl = $env['ITK_BASE_URL'] ?? '';
    if ($baseUrl === '') {
        throw new ConfigurationError('ITK_BASE_URL is not set; set it to the site\'s API base URL, site folders included, e.g. http://127.0.0.1:8089/api/v1');
    }
    if (preg_match('#\Ahttps?://[^/?\#]+#i', $baseUrl) !== 1 || str_contains($baseUrl, '?') || str_contains($baseUrl, '#')) {
        throw new ConfigurationError(sprintf('ITK_BASE_URL must be an absolute http:// or https:// URL with a host and no query or fragment, e.g. http://127.0.0.1:8089/api/v1; got "%s"', $baseUrl));
    }
    $keyText = $env['ITK_API_KEY'] ?? '';
    if ($keyText === '') {
        throw new ConfigurationError('ITK_API_KEY is not set or empty; set it to the API key text exactly as issued (it is used verbatim, never trimmed)');
    }
    try {
        $key = ApiKey::fromText($keyText); // the message never contains the key
    } catch (InvalidArgumentException $e) {
        throw new ConfigurationError('ITK_API_KEY: ' . $e->getMessage());
    }

    $timestamps = null;
    if (($env['ITK_TIMESTAMP'] ?? '') !== '') {
        try {
            $timestamp = IssuetrakTimestamp::format(Instant::parse($env['ITK_TIMESTAMP']));
        } catch (InvalidArgumentException $e) {
            throw new ConfigurationError('ITK_TIMESTAMP: ' . $e->getMessage() . ', e.g. 2014-09-10T17:28:08.3227351Z');
        }
        $timestamps = static fn (): string => $timestamp;
    }

    $requestIds = null;
    if (($env['ITK_REQUEST_ID'] ?? '') !== '') {
        $ids = explode(',', $env['ITK_REQUEST_ID']);
        foreach ($ids as $id) {
            if (preg_match('/\A[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\z/', $id) !== 1) {
                throw new ConfigurationError(sprintf('ITK_REQUEST_ID: "%s" is not a lowercase UUID (8-4-4-4-12 hex digits, e.g. c3838d04-46f8-43d6-92fd-62b3d0b59f3e)', $id));
            }
        }
        if (count($ids) !== REQUEST_COUNT || count(array_unique($ids)) !== REQUEST_COUNT) {
            throw new ConfigurationError(sprintf('ITK_REQUEST_ID has %d distinct ID(s); this sample makes %d requests and each needs its own ID: give %d comma-separated UUIDs', count(array_unique($ids)), REQUEST_COUNT, REQUEST_COUNT));
        }
        $requestIds = IssuetrakClient::fixedRequestIds($ids);
    }

    try {
        return new IssuetrakClient($baseUrl, $key, $timestamps, $requestIds);
    } catch (InvalidArgumentException $e) {
        throw new ConfigurationError('ITK_BASE_URL: ' . $e->getMessage());
    }
}

function show(string $title, ApiResponse $response): void
{
    echo "------ {$title} ------\n";
    echo "{$response->method} {$response->url} -> {$response->status}\n";
    echo $response->body, "\n\n";
}

function main(): int
{
    try {
        $client = clientFromEnvironment(getenv());
    } catch (ConfigurationError $e) {
        fwrite(STDERR, 'sample.php: ' . $e->getMessage() . "\n");
        return 2;
    }
    try {
        $responses = [
            'Create a note' => $client->createNote(NOTE),
            'Retrieve a note' => $client->getNote(NOTE_ID),
            'Retrieve issues by number list' => $client->getIssuesByNumberList(ISSUE_NUMBERS),
        ];
    } catch (Throwable $e) {
        fwrite(STDERR, 'sample.php: ' . $e->getMessage() . "\n");
        return 1;
    }
    $failed = 0;
    foreach ($responses as $title => $response) {
        show($title, $response);
        $failed += $response->isSuccess() ? 0 : 1;
    }
    if ($failed > 0) {
        fwrite(STDERR, "sample.php: {$failed} of " . count($responses) . " requests did not get a 2xx answer\n");
        return 1;
    }
    return 0;
}

exit(main());
