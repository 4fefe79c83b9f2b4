import { createIntercom, useIntercom } from "@mathieustan/vue-intercom";
import { createApp, defineComponent, h, onUnmounted } from "vue";
import { appRoot } from "../framework-apps/shell";
import { librarySetup, ORDER_QUESTION, PURCHASE } from "./shell";

/**
 * A shop using @mathieustan/vue-intercom (Vue 3) as its README says: the plugin from
 * createIntercom({ appId }), useIntercom() in components, boot once the script is ready.
 */
const { user } = librarySetup();

const Shop = defineComponent({
  setup() {
    const intercom = useIntercom();
    const start = () => intercom.boot({});
    if (intercom.ready) start();
    else intercom.once("ready", start);

    // The library keeps `visible` and `unreadCount` from Intercom's onShow / onHide /
    // onUnreadCountChange, but not reactively: the shop reads them on a timer to show them.
    const events = document.createElement("ul");
    events.setAttribute("aria-label", "Messenger events");
    let seen = { visible: false, unreadCount: 0 };
    const watch = window.setInterval(() => {
      const now = { visible: intercom.visible, unreadCount: intercom.unreadCount };
      if (now.visible !== seen.visible) events.append(Object.assign(document.createElement("li"), { textContent: now.visible ? "shown" : "hidden" }));
      if (now.unreadCount !== seen.unreadCount) events.append(Object.assign(document.createElement("li"), { textContent: `unread ${now.unreadCount}` }));
      seen = now;
    }, 50);
    onUnmounted(() => window.clearInterval(watch));
    appRoot().after(events);

    const button = (label: string, onClick: () => void) => h("button", { onClick }, label);
    return () => [
      h("nav", [
        button("Sign in", () => intercom.update({ user_id: user.user_id, name: user.name, email: user.email, user_hash: user.user_hash })),
        button("Sign out", () => {
          intercom.shutdown();
          intercom.boot({});
        }),
        button("Leave", () => intercom.shutdown()),
        button("Chat with us", () => intercom.show()),
        button("Close chat", () => intercom.hide()),
        button("Ask about my order", () => intercom.showNewMessage(ORDER_QUESTION)),
        button("Buy the tent", () => intercom.trackEvent(PURCHASE.name, PURCHASE.metadata)),
      ]),
      h("h1", "Welcome"),
    ];
  },
});

createApp(Shop).use(createIntercom({ appId: "demo" })).mount(appRoot());
