// Node.js: the user_hash for the Messenger, computed on your server (never in the browser).
import { createHmac } from "node:crypto";
import { fileURLToPath } from "node:url";

export function userHash(secret, { userId, email }) {
  const identifier = userId != null ? String(userId) : email; // user_id wins over email
  return createHmac("sha256", secret).update(identifier, "utf8").digest("hex");
}

// node user-hash.mjs <secret> <user_id> [email]
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [secret, userId, email] = process.argv.slice(2);
  console.log(userHash(secret, { userId: userId || null, email }));
}
