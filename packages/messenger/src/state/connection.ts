import { createModel, signal, type ReadonlySignal } from "@preact/signals-core";
import type { PingResponse } from "@parley/protocol";

/** What a successful ping gave us: the bearer token, who we are, and the app. */
export interface SessionInfo {
  token: string;
  expiresAt: string;
  user: PingResponse["user"];
  app: PingResponse["app"];
}

/** Why the Messenger could not start (HTTP status 0 when the network failed). */
export interface BootError {
  status: number;
  code: string;
  message: string;
}

export type ConnectionStatus = "idle" | "booting" | "ready" | "failed";
export type StreamStatus = "closed" | "connecting" | "open";

/** The session with the server: booting, ready or failed, and the realtime stream's state. */
export const ConnectionModel = createModel(() => {
  const status = signal<ConnectionStatus>("idle");
  const session = signal<SessionInfo | null>(null);
  const bootError = signal<BootError | null>(null);
  const stream = signal<StreamStatus>("closed");

  return {
    status: status as ReadonlySignal<ConnectionStatus>,
    session: session as ReadonlySignal<SessionInfo | null>,
    bootError: bootError as ReadonlySignal<BootError | null>,
    stream: stream as ReadonlySignal<StreamStatus>,
    booting() {
      if (status.value === "idle") status.value = "booting";
    },
    ready(info: SessionInfo) {
      session.value = info;
      bootError.value = null;
      status.value = "ready";
    },
    failed(error: BootError) {
      session.value = null;
      bootError.value = error;
      status.value = "failed";
    },
    streamChanged(next: StreamStatus) {
      stream.value = next;
    },
  };
});
export type ConnectionModel = InstanceType<typeof ConnectionModel>;
