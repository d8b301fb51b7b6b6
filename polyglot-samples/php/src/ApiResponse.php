<?php

declare(strict_types=1);

namespace Itk\Issuetrak;

/** One answer from the API: what was asked, the HTTP status, the header lines and the raw body. */
final class ApiResponse
{
    /** @param list<string> $headers the status line and header lines, as received */
    public function __construct(
        public readonly string $method,
        public readonly string $url,
        public readonly int $status,
        public readonly array $headers,
        public readonly string $body,
    ) {
    }

    public function isSuccess(): bool
    {
        return $this->status >= 200 && $this->status < 300;
    }
}
