import { session, signOut } from "./session";
import { screen, type Screen } from "./route";
import { Login } from "./screens/login";
import { Knowledge } from "./screens/knowledge";
import { Install } from "./screens/install";
import { Conversations } from "./screens/conversations";

const NAV: { screen: Screen; label: string }[] = [
  { screen: "knowledge", label: "Knowledge" },
  { screen: "conversations", label: "Conversations" },
  { screen: "install", label: "Install the Messenger" },
];

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
        {screen.value === "install" ? <Install api={api} /> : screen.value === "conversations" ? <Conversations api={api} /> : <Knowledge api={api} />}
      </main>
    </div>
  );
}
