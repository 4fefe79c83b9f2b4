export * from "./limits";
export * from "./tags";
export * from "./errors";
export * from "./ids";
export * from "./conversations";
export * from "./ping";
export * from "./stream";
export * from "./articles";
