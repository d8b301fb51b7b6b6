<?php

declare(strict_types=1);

// For running from a checkout without `composer install` (adapter.php, sample.php, the tests):
// loads the package's classes by the PSR-4 mapping in composer.json, as vendor/autoload.php does
// for a project that requires the package.
(static function (): void {
    $composer = json_decode(file_get_contents(__DIR__ . '/composer.json'), true, 16, JSON_THROW_ON_ERROR);
    foreach ($composer['autoload']['psr-4'] as $prefix => $folder) {
        $folder = __DIR__ . '/' . $folder;
        spl_autoload_register(static function (string $class) use ($prefix, $folder): void {
            if (str_starts_with($class, $prefix)) {
                $file = $folder . str_replace('\\', '/', substr($class, strlen($prefix))) . '.php';
                if (is_file($file)) {
                    require $file;
                }
            }
        });
    }
})();
