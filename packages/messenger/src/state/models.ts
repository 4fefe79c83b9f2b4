import { ConnectionModel } from "./connection";
import { ConversationModel } from "./conversation";
import { OutboxModel } from "./outbox";
import { PanelModel } from "./panel";
import { SettingsModel } from "./settings";

/** All the state of one booted Messenger. `boot` creates it; `shutdown` disposes of it. */
export interface MessengerState {
  settings: SettingsModel;
  connection: ConnectionModel;
  conversation: ConversationModel;
  outbox: OutboxModel;
  panel: PanelModel;
}

export function createMessengerState(): MessengerState {
  return {
    settings: new SettingsModel(),
    connection: new ConnectionModel(),
    conversation: new ConversationModel(),
    outbox: new OutboxModel(),
    panel: new PanelModel(),
  };
}

/** Disposes every model (and any effect a model owns). */
export function disposeMessengerState(state: MessengerState): void {
  for (const model of Object.values(state)) {
    (model as Partial<Disposable>)[Symbol.dispose]?.();
  }
}
