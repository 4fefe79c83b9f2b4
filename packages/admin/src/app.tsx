import { useEffect, useLayoutEffect, useRef } from "preact/hooks";
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

/** The tab's title for each screen, so a browser's tabs and history (and a screen reader) say where the owner is. */
function titleOf(name: Screen): string {
  const label = name === "setup" ? "Setup" : (STEPS.find((item) => item.screen === name) ?? MANAGE.find((item) => item.screen === name))?.label;
  return `${label ?? "Setup"} · Parley console`;
}

/** Puts the keyboard focus on the screen's heading (or the screen itself), so the next Tab is in the screen, not the navigation. */
function focusScreen(main: HTMLElement | null) {
  const target = main?.querySelector<HTMLElement>("h1") ?? main;
  if (!target) return;
  if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
  target.focus();
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
  const main = useRef<HTMLElement>(null);
  // What was shown last: nothing yet (a page load), the sign-in form, or a screen.
  const shown = useRef<Screen | "sign-in" | null>(null);
  // Signing in, or opening another screen, moves the focus to the screen's heading; a page load leaves it alone.
  useLayoutEffect(() => {
    if (api === null) {
      document.title = "Sign in · Parley console";
      shown.current = "sign-in";
      return;
    }
    document.title = titleOf(name);
    if (shown.current !== null && shown.current !== name) focusScreen(main.current);
    shown.current = name;
  }, [api, name]);
  // Within a screen, a view that replaces another (an article opened, a transcript, "Back") takes the
  // element the owner was on with it: the focus goes to the new view's heading instead of the page's top.
  useEffect(() => {
    const area = main.current;
    if (!area) return;
    let focused: { element: Element; heading: Element | null } | null = null;
    const onFocusIn = (event: FocusEvent) => {
      if (event.target instanceof Element) focused = { element: event.target, heading: area.querySelector("h1") };
    };
    const observer = new MutationObserver(() => {
      if (!focused || focused.element.isConnected) return;
      const lost = document.activeElement === null || document.activeElement === document.body;
      const swapped = area.querySelector("h1") !== focused.heading;
      focused = null;
      if (lost && swapped) focusScreen(area);
    });
    area.addEventListener("focusin", onFocusIn);
    observer.observe(area, { childList: true, subtree: true });
    return () => {
      area.removeEventListener("focusin", onFocusIn);
      observer.disconnect();
    };
  }, [api]);
  if (api === null) return <Login />;
  const steps = setupState.value?.steps;
  return (
    <div class="shell">
      <a
        class="skip-link"
        href="#main"
        onClick={(event) => {
          // Not a route: the screens live in the URL's hash.
          event.preventDefault();
          focusScreen(main.current);
        }}
      >
        Skip to the screen
      </a>
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
        <main class="content" id="main" tabIndex={-1} ref={main}>
          <CurrentScreen api={api} name={name} />
        </main>
      </div>
    </div>
  );
}
