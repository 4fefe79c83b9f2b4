import type { AdminApi } from "../api";
import { STEP_SCREENS } from "../route";
import { setupProblem, setupState } from "../setup-state";

const ACTIONS: Record<string, string> = {
  zendesk: "Connect Zendesk",
  workflow: "Open the workflow",
  install: "Get the code",
  test: "Test it",
  live: "Go live",
};

/**
 * The console's home: the five steps from `npm start` to a Messenger on the owner's site, each done
 * or not from what the server knows (Zendesk connected, a workflow set live, the Messenger seen on
 * a site, a Zendesk check passed, live), each leading to its screen.
 */
export function Setup(_props: { api: AdminApi }) {
  const state = setupState.value;
  const left = state?.steps.filter((step) => !step.done).length;
  return (
    <section aria-labelledby="setup-title">
      <h1 id="setup-title">Set up your Messenger</h1>
      {setupProblem.value && (
        <p class="error" role="alert">
          {setupProblem.value}
        </p>
      )}
      {state && (
        <>
          <p class="muted">
            {left === 0 ? "Every step is done: your Messenger is live on your site." : `${5 - (left ?? 0)} of 5 steps done. Go through them in order; each can be changed later.`}
          </p>
          <ol class="steps">
            {state.steps.map((step, index) => (
              <li key={step.id} class={`step ${step.done ? "step--done" : ""}`}>
                <span class={`step-mark step-mark--big ${step.done ? "step-mark--done" : ""}`} aria-hidden="true">
                  {step.done ? "✓" : index + 1}
                </span>
                <div class="step__body">
                  <h2>
                    {step.title} <span class={step.done ? "badge" : "badge badge--warn"}>{step.done ? "Done" : "Not done"}</span>
                  </h2>
                  <p class="muted">{step.detail}</p>
                </div>
                <a class={step.done ? "button button--quiet" : "button"} href={`#/${STEP_SCREENS[step.id]}`}>
                  {step.done ? (
                    <>
                      Review<span class="visually-hidden"> {step.title}</span>
                    </>
                  ) : (
                    ACTIONS[step.id]
                  )}
                </a>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
