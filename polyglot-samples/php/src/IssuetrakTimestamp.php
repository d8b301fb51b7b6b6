<?php

declare(strict_types=1);

namespace Itk\Issuetrak;

/**
 * The timestamp header's canonical form, `yyyy-MM-ddTHH:mm:ss.fffffffZ` in UTC: exactly seven
 * fractional digits, truncated (never rounded) from the instant's precision.
 * `IssuetrakTimestamp::format(Instant::parse('2014-09-10T17:28:08.322735199Z'))` is
 * `2014-09-10T17:28:08.3227351Z`. See docs/scheme.md#timestamp.
 */
final class IssuetrakTimestamp
{
    private function __construct()
    {
    }

    /** The header value for an instant; the clock is the caller's, e.g. `Instant::now()`. */
    public static function format(Instant $instant): string
    {
        $dateTime = new \DateTimeImmutable('@' . $instant->epochSecond); // '@' is always UTC
        $year = (int) $dateTime->format('Y');
        if ($year < 1 || $year > 9999) {
            throw new \InvalidArgumentException(sprintf('instant %s is in year %d; the timestamp form has years 0001-9999 only', $instant, $year));
        }
        // 100 ns units (the .NET tick), truncated.
        $ticks = intdiv($instant->nanoOfSecond, 100);
        return sprintf('%04d-%s.%07dZ', $year, $dateTime->format('m-d\TH:i:s'), $ticks);
    }
}
