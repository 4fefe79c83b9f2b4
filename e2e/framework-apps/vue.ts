import { show } from "@parley/messenger/sdk";
import { createApp, defineComponent, h, ref } from "vue";
import { createRouter, createWebHistory, RouterLink, RouterView } from "vue-router";
import { messenger, signedIn, signedOut } from "../../examples/vue/messenger";
import { appRoot, testUser } from "./shell";

// Render functions, not templates: the runtime-only Vue build has no template compiler.
const page = (title: string) => defineComponent({ render: () => h("h1", title) });

const router = createRouter({
  history: createWebHistory("/vue/"),
  routes: [
    { path: "/", component: page("Welcome") },
    { path: "/orders", component: page("Your orders") },
  ],
});

const Shop = defineComponent({
  setup() {
    const signedInAs = ref<string | null>(null);
    return () => [
      h("nav", [
        h(RouterLink, { to: "/" }, () => "Home"),
        " ",
        h(RouterLink, { to: "/orders" }, () => "Orders"),
        " ",
        signedInAs.value
          ? h("button", { onClick: () => ((signedInAs.value = null), signedOut()) }, "Sign out")
          : h("button", { onClick: () => { const user = testUser(); signedInAs.value = user.user_id; signedIn(user); } }, "Sign in"),
        " ",
        h("button", { onClick: () => show() }, "Chat with us"),
      ]),
      h(RouterView),
    ];
  },
});

createApp(Shop).use(router).use(messenger, { router }).mount(appRoot());
