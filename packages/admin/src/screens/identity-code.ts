/** How users are identified to the Messenger, and so what user_hash signs. */
export type Identifier = "user_id" | "email";

const SECRET: Record<string, string> = {
  node: "process.env.PARLEY_IDENTITY_SECRET",
  python: 'os.environ["PARLEY_IDENTITY_SECRET"]',
  ruby: 'ENV.fetch("PARLEY_IDENTITY_SECRET")',
  php: "getenv('PARLEY_IDENTITY_SECRET')",
  go: 'os.Getenv("PARLEY_IDENTITY_SECRET")',
  java: 'System.getenv("PARLEY_IDENTITY_SECRET")',
  csharp: 'Environment.GetEnvironmentVariable("PARLEY_IDENTITY_SECRET")!',
};

/**
 * The call that computes a signed-in user's user_hash in the owner's server language, signing the
 * user id or the email: what the owner adds where their server renders the page.
 */
export function hashCall(language: string, identifier: Identifier): string {
  const secret = SECRET[language] ?? SECRET["node"]!;
  const byId = identifier === "user_id";
  switch (language) {
    case "python":
      return `# Where you render the page for a signed-in user: sign their ${byId ? "user id" : "email"}.\nuser_hash_value = user_hash(${secret}, ${byId ? "user_id=str(user.id)" : "email=user.email"})`;
    case "ruby":
      return `# Where you render the page for a signed-in user: sign their ${byId ? "user id" : "email"}.\nuser_hash_value = user_hash(${secret}, ${byId ? "user_id: user.id.to_s" : "email: user.email"})`;
    case "php":
      return `// Where you render the page for a signed-in user: sign their ${byId ? "user id" : "email"}.\n$userHash = user_hash(${secret}, ${byId ? "(string) $user->id" : "null, $user->email"});`;
    case "go":
      return `// Where you render the page for a signed-in user: sign their ${byId ? "user id" : "email"}.\nuserHash := UserHash(${secret}, ${byId ? "user.ID, \"\"" : "\"\", user.Email"})`;
    case "java":
      return `// Where you render the page for a signed-in user: sign their ${byId ? "user id" : "email"}.\nString userHash = UserHash.userHash(${secret}, ${byId ? "user.getId(), null" : "null, user.getEmail()"});`;
    case "csharp":
      return `// Where you render the page for a signed-in user: sign their ${byId ? "user id" : "email"}.\nvar userHash = UserHash.Compute(${secret}, ${byId ? "user.Id" : "null, user.Email"});`;
    default:
      return `// Where you render the page for a signed-in user: sign their ${byId ? "user id" : "email"}.\nconst userHashValue = userHash(${secret}, { ${byId ? "userId: user.id" : "email: user.email"} });`;
  }
}

/**
 * The Messenger's settings for a signed-in user, with user_hash: by user id (the email may go
 * along), or by email alone (a user_id would win over the email, so it is left out).
 */
export function identifiedSettings(appId: string, identifier: Identifier, indent = "    "): string {
  const lines = [`app_id: ${JSON.stringify(appId)},`];
  if (identifier === "user_id") lines.push(`user_id: "<the user's id>",`);
  lines.push(`name: "<the user's name>",`, `email: "<the user's email>",`, `created_at: <signup date, Unix seconds>,`);
  lines.push(identifier === "user_id" ? `user_hash: "<HMAC-SHA256 of the user id, from your server>",` : `user_hash: "<HMAC-SHA256 of the email, from your server>",`);
  return `{\n${lines.map((line) => indent + line).join("\n")}\n${indent.slice(2)}}`;
}
