// react-intercom's index.d.ts declares only the component, not the IntercomAPI its README uses:
// added here, as a site using it in TypeScript would.
export {};

declare module "react-intercom" {
  export function IntercomAPI(command: string, ...args: unknown[]): void;
}
