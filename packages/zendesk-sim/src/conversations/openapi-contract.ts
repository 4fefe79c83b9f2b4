import { readFileSync } from "node:fs";
import { Ajv, type ValidateFunction } from "ajv";
import { parse } from "yaml";

/**
 * Checks requests and answers against Zendesk's own OpenAPI description of the Conversations API
 * (spec/sunshine-conversations-openapi.yaml): the simulator's answers in its tests, Parley's
 * requests in the client's. Extra properties are allowed (the spec allows them too); `example`
 * and `x-…` annotations are ignored.
 */
export interface ConversationsContract {
  /** The problems of a request body for `method path` (empty when it conforms). */
  request(method: string, path: string, body: unknown): string[];
  /** The problems of an answer to `method path` with this status. */
  response(method: string, path: string, status: number, body: unknown): string[];
  /** The problems of a value checked against one of the spec's schemas, e.g. a webhook event (`conversationMessageEvent`). */
  schema(name: string, value: unknown): string[];
}

type Operation = { requestBody?: { content?: Record<string, unknown> }; responses?: Record<string, { content?: Record<string, unknown> }> };
type Spec = { paths: Record<string, Record<string, Operation>> };

export function conversationsContract(): ConversationsContract {
  const spec = openApiNullable(parse(readFileSync(new URL("../../spec/sunshine-conversations-openapi.yaml", import.meta.url), "utf8"))) as Spec;
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema(spec as object, "sunco");
  const compiled = new Map<string, ValidateFunction>();

  const templates = Object.keys(spec.paths).map((template) => ({
    template,
    pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`),
  }));

  function find(method: string, path: string): { template: string; operation: Operation } {
    const bare = path.replace(/^\/sc(?=\/v2\/)/, "").split("?")[0] ?? path;
    // A literal segment wins over a parameter (`…/messages` over `…/{messageId}`).
    const matches = templates.filter(({ pattern }) => pattern.test(bare)).sort((a, b) => countParams(a.template) - countParams(b.template));
    for (const { template } of matches) {
      const operation = spec.paths[template]?.[method.toLowerCase()];
      if (operation) return { template, operation };
    }
    throw new Error(`the Conversations API has no operation ${method} ${bare}`);
  }

  function check(pointer: string, body: unknown): string[] {
    let validate = compiled.get(pointer);
    if (!validate) {
      validate = ajv.compile({ $ref: `sunco#${pointer}` });
      compiled.set(pointer, validate);
    }
    if (validate(body)) return [];
    return (validate.errors ?? []).map((error) => `${error.instancePath || "(body)"} ${error.message ?? "is invalid"}`);
  }

  const escape = (segment: string) => encodeURIComponent(segment.replace(/~/g, "~0").replace(/\//g, "~1"));

  return {
    request(method, path, body) {
      const { template, operation } = find(method, path);
      if (!operation.requestBody?.content?.["application/json"]) return body === undefined ? [] : [`${method} ${template} takes no JSON body`];
      return check(`/paths/${escape(template)}/${method.toLowerCase()}/requestBody/content/application~1json/schema`, body);
    },
    response(method, path, status, body) {
      const { template, operation } = find(method, path);
      const documented = operation.responses?.[String(status)];
      if (!documented) return [`${method} ${template} does not document a ${status} answer`];
      if (!documented.content?.["application/json"]) return [];
      return check(`/paths/${escape(template)}/${method.toLowerCase()}/responses/${status}/content/application~1json/schema`, body);
    },
    schema: (name, value) => check(`/components/schemas/${escape(name)}`, value),
  };
}

function countParams(template: string): number {
  return (template.match(/\{/g) ?? []).length;
}

/**
 * OpenAPI 3.0's `nullable: true` next to `allOf`/`$ref` (no `type`) is not JSON Schema: it becomes
 * "this schema, or null".
 */
function openApiNullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(openApiNullable);
  if (typeof node !== "object" || node === null) return node;
  const entries = Object.entries(node).map(([key, value]) => [key, openApiNullable(value)] as const);
  const object: Record<string, unknown> = Object.fromEntries(entries);
  if (object.nullable !== undefined && object.type === undefined) {
    const { nullable, ...schema } = object;
    return nullable === true ? { anyOf: [schema, { type: "null" }] } : schema;
  }
  return object;
}
