// Vue 2, which the npm package `vue-intercom` is written for (Vue.use, Vue.mixin, new Vue): a
// Vue 2 site imports it as "vue"; here it is installed as "vue2" beside the repository's Vue 3.
import Vue from "vue2";
import VueIntercom, { type VueIntercom as Intercom } from "vue-intercom";
import { appRoot } from "../framework-apps/shell";
import { identityOf, librarySetup, ORDER_QUESTION, PURCHASE } from "./shell";

/**
 * A Vue 2 shop using vue-intercom as its README says: Vue.use(VueIntercom, { appId }), then
 * `this.$intercom` in components: boot when mounted, update on sign-in, and the reactive
 * `visible` and `unreadCount` the library keeps from Intercom's callbacks, watched.
 */
const setup = librarySetup();
const identity = identityOf(setup.user);

Vue.use(VueIntercom, { appId: "demo" });

const Shop = Vue.extend({
  data: () => ({ events: [] as string[] }),
  computed: {
    intercom(): Intercom {
      return (this as unknown as { $intercom: Intercom }).$intercom;
    },
  },
  watch: {
    "intercom.visible"(visible: boolean) {
      this.events.push(visible ? "shown" : "hidden");
    },
    "intercom.unreadCount"(count: number) {
      this.events.push(`unread ${count}`);
    },
  },
  mounted() {
    this.intercom.boot(setup.signedIn ? identity : {});
  },
  render(h) {
    const button = (label: string, onClick: () => void) => h("button", { on: { click: onClick } }, label);
    const { intercom } = this;
    return h("div", [
      h("nav", [
        button("Sign in", () => intercom.update(identity)),
        button("Sign out", () => {
          intercom.shutdown();
          intercom.boot();
        }),
        button("Leave", () => intercom.shutdown()),
        button("Chat with us", () => intercom.show()),
        button("Close chat", () => intercom.hide()),
        button("See my conversations", () => intercom.showMessages()),
        button("Ask about my order", () => intercom.showNewMessage(ORDER_QUESTION)),
        button("Buy the tent", () => intercom.trackEvent(PURCHASE.name, PURCHASE.metadata)),
      ]),
      h("h1", "Welcome"),
      h("p", intercom.ready ? "Intercom is ready" : "Intercom is loading"),
      h("p", intercom.visible ? "The chat is open" : "The chat is closed"),
      h("ul", { attrs: { "aria-label": "Messenger events" } }, this.events.map((event) => h("li", event))),
    ]);
  },
});

new Shop().$mount(appRoot());
