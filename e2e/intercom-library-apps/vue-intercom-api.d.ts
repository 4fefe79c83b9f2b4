// The npm package `vue-intercom` (Vue 2) ships no types at all: these are its README's API, as a
// site using it in TypeScript would declare them.
declare module "vue-intercom" {
  import type { PluginObject } from "vue2";

  export interface VueIntercom {
    /** True once Intercom's script has loaded. */
    readonly ready: boolean;
    /** From Intercom's onShow / onHide. */
    readonly visible: boolean;
    /** From Intercom's onUnreadCountChange. */
    readonly unreadCount: number;
    boot(options?: Record<string, unknown>): void;
    shutdown(): void;
    update(options?: Record<string, unknown>): void;
    show(): void;
    hide(): void;
    showMessages(): void;
    showNewMessage(content?: string): void;
    trackEvent(name: string, metadata?: Record<string, unknown>): void;
    getVisitorId(): string | undefined;
  }

  const plugin: PluginObject<{ appId: string }>;
  export default plugin;
}
