<?php

declare(strict_types=1);

// Loads Itk\Issuetrak\Foo from src/Foo.php (no Composer needed; standard library only).
spl_autoload_register(static function (string $class): void {
    $prefix = 'Itk\\Issuetrak\\';
    if (str_starts_with($class, $prefix)) {
        $file = __DIR__ . '/' . str_replace('\\', '/', substr($class, strlen($prefix))) . '.php';
        if (is_file($file)) {
            require $file;
        }
    }
});
