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

use Itk\Issuetrak\IssuetrakClient;
use Itk\Issuetrak\IssuetrakSigner;
use Itk\Issuetrak\Response;

require __DIR__ . '/autoload.php';

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

/**
 * The client configured by ITK_BASE_URL, ITK_API_KEY and the optional ITK_TIMESTAMP, ITK_REQUEST_ID.
 *
 * @param array<string, string> $env
 * @throws InvalidArgumentException naming the variable and the rule, never showing the key
 */
function clientFromEnvironment(array $env): IssuetrakClient
{
    $baseUrl = $env['ITK_BASE_URL'] ?? '';
    if ($baseUrl === '') {
        throw new InvalidArgumentException(
            'ITK_BASE_URL is not set; set it to the site\'s API base URL, site folders included,'
            . ' e.g. http://127.0.0.1:8089/api/v1'
        );
    }
    $key = $env['ITK_API_KEY'] ?? '';
    if ($key === '') {
        throw new InvalidArgumentException(
            'ITK_API_KEY is not set or empty; set it to the API key text exactly as issued'
            . ' (used verbatim, never trimmed)'
        );
    }

    $clock = null;
    if (($env['ITK_TIMESTAMP'] ?? '') !== '') {
        try {
            $timestamp = IssuetrakSigner::formatTimestamp($env['ITK_TIMESTAMP']);
        } catch (InvalidArgumentException $e) {
            throw new InvalidArgumentException('ITK_TIMESTAMP: ' . $e->getMessage());
        }
        $clock = static fn (): string => $timestamp;
    }

    $requestIds = null;
    if (($env['ITK_REQUEST_ID'] ?? '') !== '') {
        $ids = explode(',', $env['ITK_REQUEST_ID']);
        if (count(array_unique($ids)) !== REQUEST_COUNT) {
            throw new InvalidArgumentException(sprintf(
                'ITK_REQUEST_ID has %d distinct ID(s); this sample makes %d requests and each needs its own:'
                . ' give %d comma-separated UUIDs',
                count(array_unique($ids)),
                REQUEST_COUNT,
                REQUEST_COUNT,
            ));
        }
        $requestIds = static function () use (&$ids): string {
            return array_shift($ids);
        };
    }

    return new IssuetrakClient($baseUrl, $key, $clock, $requestIds);
}

function show(string $title, Response $response): void
{
    echo "------ {$title} ------\n";
    echo "{$response->method} {$response->url} -> {$response->status}\n";
    echo $response->body, "\n\n";
}

function main(): int
{
    try {
        $client = clientFromEnvironment(getenv());
    } catch (InvalidArgumentException $e) {
        fwrite(STDERR, 'sample.php: ' . $e->getMessage() . "\n");
        return 2;
    }
    try {
        $responses = [
            'Create a note' => $client->createNote(NOTE),
            'Retrieve a note' => $client->getNote(NOTE_ID),
            'Retrieve issues by number list' => $client->getIssues(ISSUE_NUMBERS),
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
        fwrite(STDERR, sprintf("sample.php: %d of %d requests did not get a 2xx answer\n", $failed, count($responses)));
        return 1;
    }
    return 0;
}

exit(main());
