import { z } from "zod";
import { RecordErrors, recordNotFound } from "../account/errors";
import { LooseBoolean, parseRecord } from "../account/input";
import {
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  TICKET_TYPES,
  VIA_IDS,
  type Action,
  type Condition,
  type TicketRecord,
  type TriggerRecord,
  type WebhookRecord,
} from "../account/state";
import type { AccountStore } from "../account/store";
import { normalizeTags } from "../account/tags";
import { applyChanges, type TicketChanges, type TicketUpdate } from "../account/tickets";
import { isAgent } from "../account/users";

/**
 * Ticket triggers: conditions checked after every ticket create or update, in position order;
 * a trigger that fires may change the ticket (then the cycle starts over, each trigger firing at
 * most once) or notify a webhook. The supported conditions and actions are listed below; others
 * are refused when the trigger is saved, so a trigger never silently does nothing.
 */

const ConditionInput = z.looseObject({ field: z.string(), operator: z.string(), value: z.unknown().optional() });
const ActionInput = z.looseObject({ field: z.string(), value: z.unknown() });

export const TriggerInput = z.looseObject({
  title: z.string().optional(),
  description: z.string().nullable().optional(),
  active: LooseBoolean.optional(),
  position: z.number().int().optional(),
  conditions: z
    .looseObject({ all: z.array(ConditionInput).nullable().optional(), any: z.array(ConditionInput).nullable().optional() })
    .optional(),
  actions: z.array(ActionInput).optional(),
});

const CHANGE_OPERATORS = ["changed", "not_changed", "value", "not_value", "value_previous", "not_value_previous"];
const CONDITION_OPERATORS: Record<string, readonly string[]> = {
  update_type: ["is", "is_not"],
  comment_is_public: ["is", "is_not"],
  current_via_id: ["is", "is_not"],
  via_id: ["is", "is_not"],
  status: ["is", "is_not", "less_than", "greater_than", ...CHANGE_OPERATORS],
  priority: ["is", "is_not", "less_than", "greater_than", ...CHANGE_OPERATORS],
  type: ["is", "is_not"],
  ticket_type_id: ["is", "is_not"],
  assignee_id: ["is", "is_not", ...CHANGE_OPERATORS],
  requester_id: ["is", "is_not"],
  current_tags: ["includes", "not_includes"],
  comment_includes_word: ["includes", "not_includes", "is", "is_not"],
  role: ["is", "is_not"],
};

/** The subscription that connects a webhook to triggers and automations. */
const TRIGGER_SUBSCRIPTION = "conditional_ticket_events";

const TICKET_ACTIONS = ["status", "priority", "type", "assignee_id", "set_tags", "current_tags", "remove_tags"];
/** Email notifications: accepted (Zendesk's default triggers use them) but nothing is sent. */
const SILENT_ACTIONS = ["notification_user", "notification_group", "notification_target"];

type TriggerInputValue = z.output<typeof TriggerInput>;

/** `POST /triggers`. */
export function createTrigger(store: AccountStore, raw: unknown, now: string): TriggerRecord {
  const input = parseRecord(TriggerInput, raw);
  const errors = new RecordErrors();
  if (!input.title || input.title.trim() === "") errors.add("title", "Title: cannot be blank", "BlankValue");
  if (!input.actions || input.actions.length === 0) errors.add("actions", "Actions: cannot be blank", "BlankValue");
  const conditions = { all: input.conditions?.all ?? [], any: input.conditions?.any ?? [] };
  checkTrigger(store, conditions, input.actions ?? [], errors);
  errors.throwIfAny();
  const positions = [...store.triggers.values()].map((trigger) => trigger.position);
  const trigger: TriggerRecord = {
    id: store.nextId("trigger"),
    title: (input.title ?? "").trim(),
    description: input.description ?? null,
    active: input.active ?? true,
    position: input.position ?? (positions.length ? Math.max(...positions) + 1 : 0),
    conditions: { all: conditions.all.map(toCondition), any: conditions.any.map(toCondition) },
    actions: (input.actions ?? []).map(({ field, value }) => ({ field, value })),
    created_at: now,
    updated_at: now,
  };
  store.triggers.set(trigger.id, trigger);
  return trigger;
}

/** `PUT /triggers/{id}`: the properties sent replace the stored ones. */
export function updateTrigger(store: AccountStore, id: number, raw: unknown, now: string): TriggerRecord {
  const trigger = store.triggers.get(id);
  if (!trigger) throw recordNotFound();
  const input: TriggerInputValue = parseRecord(TriggerInput, raw);
  const errors = new RecordErrors();
  if (input.title !== undefined && input.title.trim() === "") errors.add("title", "Title: cannot be blank", "BlankValue");
  if (input.actions !== undefined && input.actions.length === 0) {
    errors.add("actions", "Actions: cannot be blank", "BlankValue");
  }
  const conditions = input.conditions
    ? { all: input.conditions.all ?? [], any: input.conditions.any ?? [] }
    : trigger.conditions;
  const actions = input.actions ?? trigger.actions;
  checkTrigger(store, conditions, actions, errors);
  errors.throwIfAny();
  const updated: TriggerRecord = {
    ...trigger,
    title: input.title?.trim() ?? trigger.title,
    description: input.description === undefined ? trigger.description : input.description,
    active: input.active ?? trigger.active,
    position: input.position ?? trigger.position,
    conditions: { all: conditions.all.map(toCondition), any: conditions.any.map(toCondition) },
    actions: actions.map(({ field, value }) => ({ field, value })),
    updated_at: now,
  };
  store.triggers.set(id, updated);
  return updated;
}

function toCondition(condition: { field: string; operator: string; value?: unknown }): Condition {
  return condition.value === undefined
    ? { field: condition.field, operator: condition.operator }
    : { field: condition.field, operator: condition.operator, value: condition.value };
}

type ConditionShape = { field: string; operator: string };

function checkTrigger(
  store: AccountStore,
  conditions: { all: readonly ConditionShape[]; any: readonly ConditionShape[] },
  actions: readonly { field: string; value: unknown }[],
  errors: RecordErrors,
): void {
  for (const { field, operator } of [...conditions.all, ...conditions.any]) {
    const operators = CONDITION_OPERATORS[field];
    if (!operators) {
      const supported = Object.keys(CONDITION_OPERATORS).join(", ");
      errors.add("conditions", `Conditions: ${field} is not a condition the simulator supports (${supported})`);
    } else if (!operators.includes(operator)) {
      errors.add("conditions", `Conditions: ${field} does not support the operator ${operator}`);
    }
  }
  for (const action of actions) {
    if (action.field === "notification_webhook") {
      const [webhookId] = Array.isArray(action.value) ? action.value : [];
      const webhook = typeof webhookId === "string" ? store.webhooks.get(webhookId) : undefined;
      if (!webhook) errors.add("actions", `Actions: webhook ${String(webhookId)} does not exist`);
      else if (!webhook.subscriptions.includes(TRIGGER_SUBSCRIPTION)) {
        // A webhook is connected either to Zendesk events or to triggers, fixed when it is created.
        const needed = `subscriptions must be ["${TRIGGER_SUBSCRIPTION}"]`;
        errors.add("actions", `Actions: webhook ${webhook.id} is not connected to triggers (${needed})`);
      }
    } else if (!TICKET_ACTIONS.includes(action.field) && !SILENT_ACTIONS.includes(action.field)) {
      const supported = ["notification_webhook", ...TICKET_ACTIONS].join(", ");
      errors.add("actions", `Actions: ${action.field} is not an action the simulator supports (${supported})`);
    } else if (action.field === "status" && !TICKET_STATUSES.some((status) => status === action.value)) {
      errors.add("actions", `Actions: status ${String(action.value)} is not valid`);
    }
  }
}

/** `GET /triggers`: in the order they run. */
export function triggersInOrder(store: AccountStore): TriggerRecord[] {
  return [...store.triggers.values()].sort((a, b) => a.position - b.position || a.id - b.id);
}

/** A webhook a trigger asked to notify, with the body template to render once triggers are done. */
export interface WebhookNotification {
  webhook: WebhookRecord;
  template: string;
  trigger: TriggerRecord;
}

/**
 * Runs the active triggers against one ticket update. Ticket changes made by triggers join the
 * update's audit; the returned notifications are to be rendered against the final ticket.
 */
export function runTriggers(
  store: AccountStore,
  update: TicketUpdate,
  now: string,
): { ticket: TicketRecord; notifications: WebhookNotification[] } {
  const fired = new Set<number>();
  const notifications: WebhookNotification[] = [];
  let ticket = update.ticket;
  const triggers = triggersInOrder(store).filter((trigger) => trigger.active);
  let restart = true;
  while (restart) {
    restart = false;
    for (const trigger of triggers) {
      if (fired.has(trigger.id) || !triggerMatches(trigger, update, ticket)) continue;
      fired.add(trigger.id);
      const eventsBefore = update.audit.events.length;
      const changes = ticketChanges(store, trigger.actions, ticket, update);
      ticket = applyChanges(store, ticket, changes, update.audit, now, update.actor, trigger);
      for (const action of trigger.actions) {
        if (action.field !== "notification_webhook" || !Array.isArray(action.value)) continue;
        const [webhookId, template] = action.value as unknown[];
        const webhook = typeof webhookId === "string" ? store.webhooks.get(webhookId) : undefined;
        if (webhook && webhook.status === "active") {
          notifications.push({ webhook, template: typeof template === "string" ? template : "", trigger });
        }
      }
      // A trigger that changed the ticket may make earlier triggers match: start over.
      if (update.audit.events.length > eventsBefore) {
        restart = true;
        break;
      }
    }
  }
  return { ticket, notifications };
}

function ticketChanges(
  store: AccountStore,
  actions: readonly Action[],
  ticket: TicketRecord,
  update: TicketUpdate,
): TicketChanges {
  const changes: TicketChanges = {};
  let tags = [...ticket.tags];
  for (const { field, value } of actions) {
    const text = typeof value === "string" ? value : Array.isArray(value) ? value.join(" ") : String(value ?? "");
    switch (field) {
      case "status": {
        const status = TICKET_STATUSES.find((candidate) => candidate === text);
        if (status) changes.status = status;
        break;
      }
      case "priority": {
        const priority = TICKET_PRIORITIES.find((candidate) => candidate === text);
        if (priority) changes.priority = priority;
        break;
      }
      case "type": {
        const type = TICKET_TYPES.find((candidate) => candidate === text);
        if (type) changes.type = type;
        break;
      }
      case "assignee_id": {
        const assignee = text === "current_user" ? update.actor : store.users.get(Number(text));
        if (text === "") changes.assignee_id = null;
        else if (assignee && isAgent(assignee)) changes.assignee_id = assignee.id;
        break;
      }
      case "set_tags":
        tags = normalizeTags(text);
        changes.tags = tags;
        break;
      case "current_tags":
        tags = [...new Set([...tags, ...normalizeTags(text)])];
        changes.tags = tags;
        break;
      case "remove_tags": {
        const removed = normalizeTags(text);
        tags = tags.filter((tag) => !removed.includes(tag));
        changes.tags = tags;
        break;
      }
    }
  }
  return changes;
}

function triggerMatches(trigger: TriggerRecord, update: TicketUpdate, ticket: TicketRecord): boolean {
  const holds = (condition: Condition): boolean => conditionHolds(condition, update, ticket);
  const { all, any } = trigger.conditions;
  return all.every(holds) && (any.length === 0 || any.some(holds));
}

const STATUS_ORDER = TICKET_STATUSES;
const PRIORITY_ORDER = ["low", "normal", "high", "urgent"] as const;

function conditionHolds(condition: Condition, update: TicketUpdate, ticket: TicketRecord): boolean {
  const { field, operator } = condition;
  const value = condition.value === undefined || condition.value === null ? "" : String(condition.value);
  const negate = (result: boolean): boolean => (operator === "is_not" || operator === "not_includes" ? !result : result);
  const comment = update.comment;
  switch (field) {
    case "update_type":
      return negate((update.before === null ? "Create" : "Change").toLowerCase() === value.toLowerCase());
    case "comment_is_public": {
      const result =
        comment === null
          ? false
          : value === "true" || value === "requester_can_see_comment"
            ? comment.public
            : value === "false"
              ? !comment.public
              : value === "not_relevant";
      return negate(result);
    }
    case "current_via_id":
      return negate(VIA_IDS[update.channel] === Number(value));
    case "via_id":
      return negate(VIA_IDS[ticket.via.channel] === Number(value));
    case "status":
      return compare(operator, value, ticket.status, update.before?.status ?? null, STATUS_ORDER);
    case "priority":
      return compare(operator, value, ticket.priority, update.before ? update.before.priority : null, PRIORITY_ORDER);
    case "type":
    case "ticket_type_id":
      return negate((ticket.type ?? "") === value);
    case "assignee_id": {
      const wanted = value === "current_user" ? String(update.actor.id) : value;
      const asText = (id: number | null | undefined): string | null => (id === null || id === undefined ? null : String(id));
      return compare(operator, wanted, asText(ticket.assignee_id), asText(update.before?.assignee_id), []);
    }
    case "requester_id":
      return negate(String(ticket.requester_id) === (value === "current_user" ? String(update.actor.id) : value));
    case "current_tags": {
      const wanted = normalizeTags(value);
      return negate(wanted.some((tag) => ticket.tags.includes(tag)));
    }
    case "comment_includes_word": {
      if (comment === null) return operator === "not_includes" || operator === "is_not";
      const text = comment.plain_body.toLowerCase();
      if (operator === "is" || operator === "is_not") return negate(text.includes(value.toLowerCase()));
      const words = new Set(text.split(/[^\p{L}\p{N}_-]+/u));
      return negate(value.toLowerCase().split(/\s+/).filter(Boolean).some((word) => words.has(word)));
    }
    case "role":
      return negate(update.actor.role === value.replace("_", "-"));
    default:
      // Unsupported fields are refused when a trigger is saved; one loaded from an old file never matches.
      return false;
  }
}

/** Value conditions with Zendesk's operators: is, less_than, changed, value (changed to), … */
function compare(
  operator: string,
  wanted: string,
  current: string | null,
  previous: string | null,
  order: readonly string[],
): boolean {
  const changed = current !== previous;
  switch (operator) {
    case "is":
      return (current ?? "") === wanted;
    case "is_not":
      return (current ?? "") !== wanted;
    case "less_than":
      return current !== null && order.indexOf(current) < order.indexOf(wanted);
    case "greater_than":
      return current !== null && order.indexOf(current) > order.indexOf(wanted);
    case "changed":
      return changed;
    case "not_changed":
      return !changed;
    case "value":
      return changed && (current ?? "") === wanted;
    case "not_value":
      return !(changed && (current ?? "") === wanted);
    case "value_previous":
      return changed && (previous ?? "") === wanted;
    case "not_value_previous":
      return !(changed && (previous ?? "") === wanted);
    default:
      return false;
  }
}
