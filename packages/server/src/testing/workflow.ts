import { validateWorkflow, type Workflow, type WorkflowInput } from "../workflow";

/** A workflow a test writes, validated as the server would; a test's own mistake fails loudly. */
export function validWorkflow(input: WorkflowInput): Workflow {
  const check = validateWorkflow(input);
  if (!check.ok) throw new Error(JSON.stringify(check.issues));
  return check.workflow;
}
