import { randomBytes } from "node:crypto";
import { z } from "zod";
import { ZendeskError } from "../account/errors";
import { WEBHOOK_FORMATS, WEBHOOK_METHODS, type WebhookAuthentication, type WebhookRecord } from "../account/state";
import type { AccountStore } from "../account/store";

/**
 * The Webhooks API. It is a newer Zendesk service than the Support API and answers errors as a
 * list: `{"errors":[{"code","title","detail","source"}]}`.
 */
interface Problem {
  code: string;
  title: string;
  detail?: string;
  pointer?: string;
}

export function webhookErrors(status: number, errors: Problem[]): ZendeskError {
  return new ZendeskError(status, {
    errors: errors.map(({ code, title, detail, pointer }) => ({
      code,
      title,
      ...(detail ? { detail } : {}),
      ...(pointer ? { source: { pointer } } : {}),
    })),
  });
}

export function webhookNotFound(): ZendeskError {
  return webhookErrors(404, [{ code: "WebhookNotFound", title: "Webhook not found" }]);
}

const WebhookInput = z.looseObject({
  name: z.string().optional(),
  description: z.string().nullable().optional(),
  status: z.string().optional(),
  endpoint: z.string().optional(),
  http_method: z.string().optional(),
  request_format: z.string().optional(),
  subscriptions: z.array(z.string()).optional(),
  signing_secret: z
    .union([z.string(), z.looseObject({ algorithm: z.string().optional(), secret: z.string().optional() })])
    .optional(),
  authentication: z
    .looseObject({
      type: z.string(),
      add_position: z.string().optional(),
      data: z.record(z.string(), z.string()).optional(),
    })
    .nullable()
    .optional(),
  custom_headers: z.record(z.string(), z.string()).optional(),
});

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A ULID (time-ordered, 26 Crockford base-32 characters), the format of Zendesk webhook ids. */
export function ulid(now: Date): string {
  let time = now.getTime();
  let head = "";
  for (let i = 0; i < 10; i++) {
    head = CROCKFORD[time % 32] + head;
    time = Math.floor(time / 32);
  }
  const tail = [...randomBytes(16)].map((byte) => CROCKFORD[byte % 32]).join("");
  return head + tail;
}

/** `POST /webhooks`. */
export function createWebhook(
  store: AccountStore,
  raw: unknown,
  defaults: { signingSecret: string; createdBy: number; now: Date; nowText: string },
): WebhookRecord {
  const parsed = WebhookInput.safeParse(raw);
  if (!parsed.success) {
    throw webhookErrors(
      400,
      parsed.error.issues.map((issue) => ({
        code: "InvalidValue",
        title: `Invalid value for ${issue.path.join(".")}`,
        detail: issue.message,
        pointer: `/webhook/${issue.path.join("/")}`,
      })),
    );
  }
  const input = parsed.data;
  const problems: Problem[] = [];
  const require = (value: string | undefined, field: string): void => {
    if (value === undefined || value.trim() === "") {
      problems.push({ code: "RequiredFieldMissing", title: `${field} is required`, pointer: `/webhook/${field}` });
    }
  };
  const invalid = (field: string, title: string): void => {
    problems.push({ code: "InvalidValue", title, pointer: `/webhook/${field}` });
  };
  require(input.name, "name");
  require(input.endpoint, "endpoint");
  require(input.http_method, "http_method");
  require(input.request_format, "request_format");
  require(input.status, "status");

  const method = WEBHOOK_METHODS.find((candidate) => candidate === input.http_method?.toUpperCase());
  if (input.http_method && !method) invalid("http_method", `http_method must be one of ${WEBHOOK_METHODS.join(", ")}`);
  const format = WEBHOOK_FORMATS.find((candidate) => candidate === input.request_format);
  if (input.request_format && !format) invalid("request_format", `request_format must be one of ${WEBHOOK_FORMATS.join(", ")}`);
  const status = input.status === "active" || input.status === "inactive" ? input.status : undefined;
  if (input.status && !status) invalid("status", "status must be active or inactive");
  if (input.endpoint && !isHttpUrl(input.endpoint)) invalid("endpoint", "endpoint must be an http or https URL");
  const authentication = checkedAuthentication(input.authentication, problems);
  if (problems.length > 0 || !method || !format || !status || !input.name || !input.endpoint) {
    throw webhookErrors(400, problems);
  }

  const secret = typeof input.signing_secret === "string" ? input.signing_secret : input.signing_secret?.secret;
  const webhook: WebhookRecord = {
    id: ulid(defaults.now),
    name: input.name.trim(),
    description: input.description ?? null,
    status,
    endpoint: input.endpoint.trim(),
    http_method: method,
    request_format: format,
    subscriptions: input.subscriptions ?? [],
    authentication,
    custom_headers: input.custom_headers ?? {},
    signing_secret: secret && secret !== "" ? secret : defaults.signingSecret,
    created_at: defaults.nowText,
    created_by: String(defaults.createdBy),
    updated_at: defaults.nowText,
  };
  store.webhooks.set(webhook.id, webhook);
  return webhook;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

const AUTHENTICATION_DATA: Record<string, readonly string[]> = {
  basic_auth: ["username", "password"],
  bearer_token: ["token"],
  api_key: ["name", "value"],
};

function checkedAuthentication(
  input: { type: string; add_position?: string | undefined; data?: Record<string, string> | undefined } | null | undefined,
  problems: Problem[],
): WebhookAuthentication | null {
  if (!input) return null;
  const data = input.data ?? {};
  const required = AUTHENTICATION_DATA[input.type];
  if (required && required.every((key) => data[key])) {
    return { type: input.type as WebhookAuthentication["type"], add_position: "header", data };
  }
  problems.push({
    code: "InvalidValue",
    title:
      "authentication must be basic_auth (data.username, data.password), bearer_token (data.token) " +
      "or api_key (data.name, data.value)",
    pointer: "/webhook/authentication",
  });
  return null;
}

/** The headers a webhook's own authentication adds to each request. */
export function authenticationHeaders(authentication: WebhookAuthentication | null): Record<string, string> {
  if (!authentication) return {};
  const { data } = authentication;
  switch (authentication.type) {
    case "basic_auth": {
      const credentials = Buffer.from(`${data.username ?? ""}:${data.password ?? ""}`).toString("base64");
      return { Authorization: `Basic ${credentials}` };
    }
    case "bearer_token":
      return { Authorization: `Bearer ${data.token ?? ""}` };
    case "api_key":
      return data.name ? { [data.name]: data.value ?? "" } : {};
  }
}

/** `GET /webhooks`, in creation order. */
export function listWebhooks(
  store: AccountStore,
  filter: { nameContains?: string | undefined; status?: string | undefined },
): WebhookRecord[] {
  const needle = filter.nameContains?.toLowerCase();
  return [...store.webhooks.values()].filter(
    (webhook) =>
      (needle === undefined || webhook.name.toLowerCase().includes(needle)) &&
      (filter.status === undefined || webhook.status === filter.status),
  );
}
