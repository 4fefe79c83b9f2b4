import { SendMessageRequest } from "@parley/protocol";
import { waitFor } from "@testing-library/preact";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { expect, test } from "vitest";
import { useApiServer } from "../test/api-server";
import { conversation, message, pingResponse } from "../test/fixtures";
import { openComposer, startMessenger, ui } from "../test/harness";

const { server, answers } = useApiServer();

const form = {
  fields: [
    { name: "order_number", label: "Order number", type: "text" as const, required: true },
    { name: "email", label: "Email", type: "email" as const, required: true },
  ],
  submit_label: "Send details",
};

test("the greeting's buttons show before the first message and start the conversation with their label", async () => {
  const user = userEvent.setup();
  const sent: SendMessageRequest[] = [];
  server.use(
    http.post("*/v1/apps/:app/conversations", async ({ request }) => {
      const body = SendMessageRequest.parse(await request.json());
      sent.push(body);
      return HttpResponse.json(
        { conversation: conversation({ id: "conv_1" }), message: message({ client_id: body.client_id, text: body.text, author: { type: "customer" } }) },
        { status: 201 },
      );
    }),
  );
  answers.ping = () =>
    pingResponse({ app: { id: "demo", name: "Acme", greeting: "What brings you here?", greeting_buttons: [{ label: "Track my order", action: "choose_option" }] } });
  const { intercom } = startMessenger({ settings: { app_id: "demo" } });
  await openComposer(intercom);
  await user.click(await ui().findByRole("button", { name: "Track my order" }));
  await waitFor(() => expect(sent).toHaveLength(1));
  expect(sent[0]).toMatchObject({ text: "Track my order", action: "choose_option" });
});

test("a collect-data form: textboxes named by their labels; a bad email is named and nothing is sent; the server's verdict shows too; what was typed stays", async () => {
  const user = userEvent.setup();
  const sent: SendMessageRequest[] = [];
  let reject = true;
  server.use(
    http.post("*/v1/apps/:app/conversations/:id/messages", async ({ request }) => {
      const body = SendMessageRequest.parse(await request.json());
      sent.push(body);
      if (reject) {
        const problem = "An order number is 4 to 10 digits, like 10452.";
        return HttpResponse.json({ error: { code: "invalid_form", message: problem, issues: [{ path: "form.order_number", message: problem }] } }, { status: 422 });
      }
      return HttpResponse.json({ message: message({ client_id: body.client_id, text: body.text, author: { type: "customer" } }) }, { status: 201 });
    }),
  );
  answers.ping = () => pingResponse({ conversations: [{ ...conversation({ id: "conv_1" }), last_message: null }] });
  const { intercom, sources } = startMessenger({ settings: { app_id: "demo" } });
  await waitFor(() => expect(sources.all).toHaveLength(1));
  await openComposer(intercom);
  sources.latest().emit({ type: "message", message: message({ text: "Before I pass you on:", form }) }, "101");

  // Typing in the composer instead does not lose the form.
  sources.latest().emit({ type: "message", message: message({ text: "what is this?", author: { type: "customer" } }) }, "102");
  await ui().findByText("what is this?");
  const orderNumber = await ui().findByRole("textbox", { name: "Order number" });
  const email = ui().getByRole("textbox", { name: "Email" });
  await user.type(orderNumber, "A-1");
  await user.type(email, "ada@");
  await user.click(ui().getByRole("button", { name: "Send details" }));
  expect(await ui().findByText("Email must be an email address, like name@example.com.")).toBeInTheDocument();
  expect(email).toHaveAttribute("aria-invalid", "true");
  expect(sent).toHaveLength(0);

  // (user.clear cannot focus inside a shadow root: type over the selection instead.)
  await user.type(email, "example.com");
  await user.click(ui().getByRole("button", { name: "Send details" }));
  expect(await ui().findByText("An order number is 4 to 10 digits, like 10452.")).toBeInTheDocument();
  expect(sent[0]).toMatchObject({ text: "Order number: A-1\nEmail: ada@example.com", form: { order_number: "A-1", email: "ada@example.com" } });
  expect(orderNumber).toHaveValue("A-1");
  expect(email).toHaveValue("ada@example.com");

  reject = false;
  await user.type(orderNumber, "10452", { initialSelectionStart: 0, initialSelectionEnd: 3 });
  await user.click(ui().getByRole("button", { name: "Send details" }));
  await waitFor(() => expect(sent).toHaveLength(2));
  expect(sent[1]?.form).toEqual({ order_number: "10452", email: "ada@example.com" });
  await waitFor(() => expect(ui().queryByRole("textbox", { name: "Order number" })).toBeNull());
});
