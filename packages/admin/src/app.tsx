import type { AdminApi } from "./api";
import { session, signOut } from "./session";
import { screen, type Screen } from "./route";
import { Login } from "./screens/login";
import { Knowledge } from "./screens/knowledge";
import { Install } from "./screens/install";
import { Conversations } from "./screens/conversations";
import { Workflow } from "./screens/workflow";
import { Zendesk } from "./screens/zendesk";

const NAV: { screen: Screen; label: string }[] = [
  { screen: "zendesk", label: "Zendesk" },
  { screen: "knowledge", label: "Knowledge" },
  { screen: "workflow", label: "Workflow" },
  { screen: "conversations", label: "Conversations" },
  { screen: "install", label: "Install the Messenger" },
];

function CurrentScreen({ api, name }: { api: AdminApi; name: Screen }) {
  switch (name) {
    case "zendesk":
      return <Zendesk api={api} />;
    case "workflow":
      return <Workflow api={api} />;
    case "conversations":
      return <Conversations api={api} />;
    case "install":
      return <Install api={api} />;
    case "knowledge":
      return <Knowledge api={api} />;
  }
}

export function App() {
  const api = session.value;
  if (api === null) return <Login />;
  return (
    <div class="shell">
      <header class="topbar">
        <span class="brand">Parley</span>
        <nav aria-label="Console">
          <ul class="nav">
            {NAV.map((item) => (
              <li key={item.screen}>
                <a href={`#/${item.screen}`} aria-current={screen.value === item.screen ? "page" : undefined}>
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <button type="button" class="button button--quiet" onClick={signOut}>
          Sign out
        </button>
      </header>
      <main class="content">
        <CurrentScreen api={api} name={screen.value} />
      </main>
    </div>
  );
}
