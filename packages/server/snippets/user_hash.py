# Python: the user_hash for the Messenger, computed on your server (never in the browser).
import hashlib
import hmac
import sys


def user_hash(secret: str, user_id: str | None = None, email: str | None = None) -> str:
    identifier = user_id if user_id is not None else email  # user_id wins over email
    return hmac.new(secret.encode("utf-8"), identifier.encode("utf-8"), hashlib.sha256).hexdigest()


# python3 user_hash.py <secret> <user_id> [email]
if __name__ == "__main__":
    secret, user_id, *rest = sys.argv[1:]
    print(user_hash(secret, user_id or None, rest[0] if rest else None))
