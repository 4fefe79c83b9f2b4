export { authorizationHeader, type ZendeskAuth } from "./auth";
export {
  createZendeskClient,
  type IdempotencyLookup,
  type TagChangeOptions,
  type ZendeskClient,
  type ZendeskClientOptions,
} from "./client";
export { ZendeskApiError, ZendeskInputError } from "./errors";
export {
  CommentInput,
  CustomField,
  HelpCenterArticle,
  HelpCenterLocales,
  TagName,
  TicketCreate,
  TicketPriority,
  TicketStatus,
  TicketType,
  TicketUpdate,
  TriggerInput,
  WebhookInput,
  ZendeskComment,
  ZendeskTicket,
  ZendeskTrigger,
  ZendeskUser,
  ZendeskUserInput,
  ZendeskWebhook,
} from "./schemas";
export { signZendeskWebhook, verifyZendeskWebhook, type WebhookVerification } from "./webhook-signature";
