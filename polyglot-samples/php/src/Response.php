<?php

declare(strict_types=1);

namespace Itk\Issuetrak;

use JsonException;

/** One answer of the API: the request it answers, its HTTP status and its raw body. */
final class Response
{
    public function __construct(
        /** A string like `GET`. */
        public readonly string $method,
        /** The URL the request was sent to, e.g. `https://example.com/api/v1/notes/1`. */
        public readonly string $url,
        public readonly int $status,
        /** The body bytes, as received. */
        public readonly string $body,
    ) {
    }

    public function isSuccess(): bool
    {
        return $this->status >= 200 && $this->status < 300;
    }

    /**
     * The body decoded as JSON, objects as stdClass (as json_decode() does) unless `$associative`,
     * so that key order and `{}` survive a round trip.
     *
     * @throws IssuetrakException if the body is not JSON
     */
    public function json(bool $associative = false): mixed
    {
        try {
            return json_decode($this->body, $associative, 512, JSON_THROW_ON_ERROR);
        } catch (JsonException $e) {
            throw new IssuetrakException(
                sprintf('%s answered %d with a body that is not JSON: %s', $this->url, $this->status, $e->getMessage()),
                $this,
                $e,
            );
        }
    }
}
