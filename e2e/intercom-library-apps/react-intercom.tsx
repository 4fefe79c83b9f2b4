import { useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import ReactIntercom, { IntercomAPI } from "react-intercom";
import { appRoot } from "../framework-apps/shell";
import { identityOf, librarySetup, ORDER_QUESTION, PURCHASE } from "./shell";

/**
 * A shop using react-intercom (the legacy component) as its README says: <Intercom appID {...user} />
 * where the Messenger belongs, the signed-in user as its props (their change is an update, losing
 * them a shutdown and boot), IntercomAPI(…) for everything else. Leaving unmounts the component.
 */
const setup = librarySetup();

// A site's webpack or Vite hands the component as the default import (the package is Babel's
// CommonJS, marked __esModule); esbuild bundling for a "type": "module" package follows Node,
// where a CommonJS default import is module.exports, the component being its `default`.
const Intercom = (ReactIntercom as unknown as { default?: typeof ReactIntercom }).default ?? ReactIntercom;

function App() {
  const [signedIn, setSignedIn] = useState(setup.signedIn ?? false);
  const [onPage, setOnPage] = useState(true);
  const [events, setEvents] = useState<string[]>([]);
  useEffect(() => {
    const log = (event: string) => setEvents((before) => [...before, event]);
    IntercomAPI("onShow", () => log("shown"));
    IntercomAPI("onHide", () => log("hidden"));
    IntercomAPI("onUnreadCountChange", (count: number) => log(`unread ${count}`));
  }, []);
  return (
    <>
      <nav>
        <button onClick={() => setSignedIn(true)}>Sign in</button>
        <button onClick={() => setSignedIn(false)}>Sign out</button>
        <button onClick={() => setOnPage(false)}>Leave</button>
        <button onClick={() => setOnPage(true)}>Come back</button>
        <button onClick={() => IntercomAPI("show")}>Chat with us</button>
        <button onClick={() => IntercomAPI("hide")}>Close chat</button>
        <button onClick={() => IntercomAPI("showNewMessage", ORDER_QUESTION)}>Ask about my order</button>
        <button onClick={() => IntercomAPI("trackEvent", PURCHASE.name, PURCHASE.metadata)}>Buy the tent</button>
      </nav>
      <h1>Welcome</h1>
      {onPage && <Intercom appID="demo" {...(signedIn ? identityOf(setup.user) : {})} />}
      <ul aria-label="Messenger events">
        {events.map((event, index) => (
          <li key={index}>{event}</li>
        ))}
      </ul>
    </>
  );
}

createRoot(appRoot()).render(<App />);
