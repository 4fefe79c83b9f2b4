import { useEffect } from "preact/hooks";
import type { AdminApi, SetupStep } from "./api";
import { session, signOut } from "./session";
import { screen, type Screen } from "./route";
import { refreshSetup, setupState } from "./setup-state";
import { Login } from "./screens/login";
import { Knowledge } from "./screens/knowledge";
import { Install } from "./screens/install";
import { Conversations } from "./screens/conversations";
import { Workflow } from "./screens/workflow";
import { Zendesk } from "./screens/zendesk";
import { Setup } from "./screens/setup";
import { Test } from "./screens/test";
import { GoLive } from "./screens/go-live";
import { Jobs } from "./screens/jobs";

const STEPS: { screen: Screen; step: SetupStep["id"]; label: string }[] = [
  { screen: "zendesk", step: "zendesk", label: "Connect Zendesk" },
  { screen: "workflow", step: "workflow", label: "Build your workflow" },
  { screen: "install", step: "install", label: "Install the Messenger" },
  { screen: "test", step: "test", label: "Test" },
  { screen: "live", step: "live", label: "Go live" },
];
const MANAGE: { screen: Screen; label: string }[] = [
  { screen: "knowledge", label: "Knowledge" },
  { screen: "conversations", label: "Conversations" },
  { screen: "jobs", label: "Outbox" },
];

function CurrentScreen({ api, name }: { api: AdminApi; name: Screen }) {
  switch (name) {
    case "setup":
      return <Setup api={api} />;
    case "zendesk":
      return <Zendesk api={api} />;
    case "workflow":
      return <Workflow api={api} />;
    case "install":
      return <Install api={api} />;
    case "test":
      return <Test api={api} />;
    case "live":
      return <GoLive api={api} />;
    case "conversations":
      return <Conversations api={api} />;
    case "knowledge":
      return <Knowledge api={api} />;
    case "jobs":
      return <Jobs api={api} />;
  }
}

function NavLink({ to, children }: { to: Screen; children: preact.ComponentChildren }) {
  return (
    <a href={`#/${to}`} aria-current={screen.value === to ? "page" : undefined}>
      {children}
    </a>
  );
}

export function App() {
  const api = session.value;
  const name = screen.value;
  // Every screen change may follow a finished step: the navigation's marks stay current.
  useEffect(() => {
    if (api !== null) void refreshSetup(api);
  }, [api, name]);
  if (api === null) return <Login />;
  const steps = setupState.value?.steps;
  return (
    <div class="shell">
      <header class="topbar">
        <span class="brand">Parley</span>
        {setupState.value && (
          <span class={`mode ${setupState.value.live ? "mode--live" : "mode--test"}`}>{setupState.value.live ? "Live" : "Test mode"}</span>
        )}
        <button type="button" class="button button--quiet" onClick={signOut}>
          Sign out
        </button>
      </header>
      <div class="frame">
        <nav aria-label="Console" class="sidebar">
          <ul class="nav">
            <li>
              <NavLink to="setup">Setup</NavLink>
            </li>
          </ul>
          <ol class="nav nav--steps">
            {STEPS.map((item, index) => {
              const done = steps?.find((step) => step.id === item.step)?.done;
              return (
                <li key={item.screen}>
                  <NavLink to={item.screen}>
                    <span class={`step-mark ${done ? "step-mark--done" : ""}`} aria-hidden="true">
                      {done ? "✓" : index + 1}
                    </span>
                    {item.label}
                    {done !== undefined && <span class="visually-hidden">{done ? " (done)" : " (not done)"}</span>}
                  </NavLink>
                </li>
              );
            })}
          </ol>
          <p class="nav__group">Manage</p>
          <ul class="nav">
            {MANAGE.map((item) => (
              <li key={item.screen}>
                <NavLink to={item.screen}>{item.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <main class="content">
          <CurrentScreen api={api} name={name} />
        </main>
      </div>
    </div>
  );
}
