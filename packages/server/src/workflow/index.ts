export * from "./schema";
export { validateWorkflow, successors, type WorkflowCheck, type WorkflowIssue } from "./validate";
export { defaultWorkflow } from "./default-template";
export { attributeValue, holds, renderTemplate, type AttributeValue, type ConditionContext, type ContactFacts } from "./conditions";
export { collectFormData, type CollectResult, type FieldProblem } from "./collect";
export { isOpen } from "./office-hours";
