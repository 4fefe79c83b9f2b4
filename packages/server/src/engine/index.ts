export { step } from "./step";
export { DEFAULT_ENGINE_CONFIG, DEFAULT_TEXTS, initialState } from "./defaults";
export type * from "./types";
