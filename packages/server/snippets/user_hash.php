<?php
// PHP: the user_hash for the Messenger, computed on your server (never in the browser).
function user_hash(string $secret, ?string $userId = null, ?string $email = null): string
{
    $identifier = $userId ?? $email; // user_id wins over email
    return hash_hmac('sha256', $identifier, $secret);
}

// php user_hash.php <secret> <user_id> [email]
if (PHP_SAPI === 'cli' && realpath($argv[0]) === __FILE__) {
    $userId = ($argv[2] ?? '') === '' ? null : $argv[2];
    echo user_hash($argv[1], $userId, $argv[3] ?? null), PHP_EOL;
}
