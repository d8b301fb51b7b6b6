<?php

declare(strict_types=1);

namespace Itk\Issuetrak;

use RuntimeException;
use Throwable;

/**
 * A request that could not be made or whose answer cannot be used: no answer, or an answer an
 * operation needs and did not get (`updateIssue`'s read refused). `$response` is the answer, if any.
 */
final class IssuetrakException extends RuntimeException
{
    public function __construct(
        string $message,
        public readonly ?Response $response = null,
        ?Throwable $previous = null,
    ) {
        parent::__construct($message, 0, $previous);
    }
}
