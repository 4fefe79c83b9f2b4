import { userHash } from "../identity/verify";
import { SNIPPET_BASE } from "../widget/assets";
import { escapeHtml, scriptJson } from "./html";

/** The signed-in customer of the demo store. */
export const DEMO_USER = {
  user_id: "demo-ada",
  name: "Ada Lovelace",
  email: "ada@example.com",
  created_at: 1700000000,
} as const;

export interface DemoPageInput {
  appId: string;
  appName: string;
  base: string;
  snippet: string;
  /** The CSP nonce that lets the page's two inline scripts run. */
  nonce: string;
  identitySecret: string;
  /** false renders the page for an anonymous visitor. */
  signedIn: boolean;
  /** The Zendesk simulator's agent page, when the demo runs against it. */
  agentPageUrl: string | null;
}

/**
 * The demo host page: a small store that installs the Messenger exactly as a site owner would,
 * with `intercomSettings` and the pasted snippet. Its backend (this server) computes user_hash.
 */
export function demoPage(input: DemoPageInput): string {
  const settings: Record<string, unknown> = {
    // Left as the page had it for Intercom: Parley ignores intercom.io hosts and uses its own address.
    api_base: "https://api-iam.intercom.io",
    app_id: input.appId,
    // The store's green, as a site owner sets it for Intercom.
    action_color: "#2f6b4f",
    background_color: "#2f6b4f",
  };
  if (input.signedIn) {
    Object.assign(settings, DEMO_USER, { user_hash: userHash(input.identitySecret, DEMO_USER.user_id) });
  }
  const snippet = input.snippet.split(SNIPPET_BASE).join(input.base);
  const name = escapeHtml(input.appName);
  const who = input.signedIn
    ? `Signed in as <strong>${escapeHtml(DEMO_USER.name)}</strong> (${escapeHtml(DEMO_USER.email)}) · <a href="/?as=visitor">Browse as a visitor</a>`
    : `Browsing as an anonymous visitor · <a href="/">Sign in as ${escapeHtml(DEMO_USER.name)}</a>`;
  const agent = input.agentPageUrl
    ? `<li>Answer as a Zendesk agent on the <a href="${escapeHtml(input.agentPageUrl)}" target="_blank" rel="noopener">simulator's agent page</a>.</li>`
    : "";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${name} · Parley demo</title>
<style>
  :root { color-scheme: light; --ink: #1d2a22; --muted: #5b6b61; --line: #e3e8e4; --brand: #2f6b4f; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fbfcfa; }
  header { display: flex; align-items: center; justify-content: space-between; padding: 18px 40px; border-bottom: 1px solid var(--line); background: #fff; }
  .logo { font-weight: 800; letter-spacing: -0.02em; font-size: 20px; color: var(--brand); }
  nav a { margin-left: 24px; color: var(--ink); text-decoration: none; font-size: 15px; }
  .account { padding: 8px 40px; font-size: 13px; color: var(--muted); background: #f1f5f2; border-bottom: 1px solid var(--line); }
  .account a { color: var(--brand); }
  .hero { padding: 64px 40px 40px; max-width: 1080px; margin: 0 auto; }
  .hero h1 { font-size: 44px; line-height: 1.1; margin: 0 0 12px; letter-spacing: -0.03em; }
  .hero p { font-size: 18px; color: var(--muted); max-width: 560px; margin: 0; }
  .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 24px; max-width: 1080px; margin: 0 auto; padding: 16px 40px 48px; }
  .card { background: #fff; border: 1px solid var(--line); border-radius: 14px; overflow: hidden; }
  .card .art { height: 150px; }
  .card .body { padding: 14px 16px 18px; }
  .card h3 { margin: 0 0 4px; font-size: 16px; }
  .card span { color: var(--muted); font-size: 14px; }
  .about { max-width: 1080px; margin: 0 auto 80px; padding: 0 40px; color: var(--muted); font-size: 14px; }
  .about ul { padding-left: 18px; }
  .about a { color: var(--brand); }
</style>
</head>
<body>
<header>
  <div class="logo">${name}</div>
  <nav><a href="/">Shop</a><a href="/help">Help center</a><a href="/">Stores</a></nav>
</header>
<div class="account">${who}</div>
<section class="hero">
  <h1>Gear for every trail.</h1>
  <p>Jackets, packs and boots built to last, with free returns within 60 days. Questions? Ask in the chat.</p>
</section>
<section class="grid" aria-label="Products">
  ${product("Ridgeline Rain Jacket", "$189", "linear-gradient(135deg,#2f6b4f,#7fb08f)")}
  ${product("Summit 40L Pack", "$149", "linear-gradient(135deg,#a8552b,#e3a072)")}
  ${product("Trailhead Hiking Boots", "$219", "linear-gradient(135deg,#3b4a6b,#8fa1c9)")}
  ${product("Basecamp Fleece", "$89", "linear-gradient(135deg,#6b5b2f,#c9b98f)")}
</section>
<section class="about">
  <p><strong>This is Parley's demo host page.</strong> The Messenger in the corner was installed with the same snippet a site owner pastes before <code>&lt;/body&gt;</code>.</p>
  <ul>
    <li>Ask something the <a href="/help">help center</a> answers, such as “How long do I have to return an item?”</li>
    <li>Ask something it doesn't, or press “Talk to a person”, to hand the conversation to Zendesk.</li>
    ${agent}
  </ul>
</section>
<script nonce="${escapeHtml(input.nonce)}">
  window.intercomSettings = ${scriptJson(settings, 2).replace(/\n/g, "\n  ")};
</script>
<script nonce="${escapeHtml(input.nonce)}">${snippet}</script>
</body>
</html>
`;
}

function product(title: string, price: string, art: string): string {
  return `<article class="card"><div class="art" style="background:${art}"></div><div class="body"><h3>${escapeHtml(title)}</h3><span>${escapeHtml(price)}</span></div></article>`;
}

/**
 * What / shows with the demo page off (PARLEY_DEMO_PAGE=false): where things are, and no Messenger
 * signed in as anyone.
 */
export function serverHomePage(appName: string): string {
  const name = escapeHtml(appName);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${name} · Parley</title>
</head>
<body>
<main>
  <h1>${name} · Parley is running</h1>
  <p>The Messenger is on the sites that install its snippet. The admin console is at <a href="/admin">/admin</a>, the help center at <a href="/help">/help</a>.</p>
</main>
</body>
</html>
`;
}
