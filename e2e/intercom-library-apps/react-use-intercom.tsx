import { useState } from "react";
import { createRoot } from "react-dom/client";
import { IntercomProvider, useIntercom } from "react-use-intercom";
import { appRoot } from "../framework-apps/shell";
import { librarySetup, ORDER_QUESTION, PURCHASE } from "./shell";

/**
 * A shop using react-use-intercom as its README says: <IntercomProvider> at the root, useIntercom()
 * below. The spec chooses the provider's apiBase, initializeDelay and autoBoot.
 */
const setup = librarySetup();

function Shop({ events }: { events: string[] }) {
  const { boot, update, shutdown, show, hide, showNewMessage, trackEvent, isOpen } = useIntercom();
  const { user } = setup;
  const identity = { userId: user.user_id, name: user.name, email: user.email, userHash: user.user_hash };
  return (
    <>
      <nav>
        <button onClick={() => boot()}>Start chat</button>
        <button onClick={() => update(identity)}>Sign in</button>
        <button onClick={() => boot(identity)}>Sign in and start chat</button>
        <button
          onClick={() => {
            shutdown();
            boot();
          }}
        >
          Sign out
        </button>
        <button onClick={() => shutdown()}>Leave</button>
        <button onClick={() => show()}>Chat with us</button>
        <button onClick={() => hide()}>Close chat</button>
        <button onClick={() => showNewMessage(ORDER_QUESTION)}>Ask about my order</button>
        <button onClick={() => trackEvent(PURCHASE.name, PURCHASE.metadata)}>Buy the tent</button>
      </nav>
      <h1>Welcome</h1>
      <p>{isOpen ? "The chat is open" : "The chat is closed"}</p>
      <ul aria-label="Messenger events">
        {events.map((event, index) => (
          <li key={index}>{event}</li>
        ))}
      </ul>
    </>
  );
}

function App() {
  const [events, setEvents] = useState<string[]>([]);
  const log = (event: string) => setEvents((before) => [...before, event]);
  return (
    <IntercomProvider
      appId="demo"
      {...(setup.apiBase ? { apiBase: setup.apiBase } : {})}
      {...(setup.initializeDelay !== undefined ? { initializeDelay: setup.initializeDelay } : {})}
      autoBoot={setup.autoBoot ?? false}
      onShow={() => log("shown")}
      onHide={() => log("hidden")}
      onUnreadCountChange={(count: number) => log(`unread ${count}`)}
    >
      <Shop events={events} />
    </IntercomProvider>
  );
}

createRoot(appRoot()).render(<App />);
