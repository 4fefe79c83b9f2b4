// The little of jsdom the server's tests use to read rendered pages (jsdom ships no types).
declare module "jsdom" {
  interface InspectableElement {
    tagName: string;
    attributes: ArrayLike<{ name: string; value: string }>;
    getAttribute(name: string): string | null;
    textContent: string | null;
  }
  export class JSDOM {
    constructor(html: string);
    window: {
      document: {
        querySelectorAll(selector: string): ArrayLike<InspectableElement>;
        body: { textContent: string | null };
        title: string;
      };
    };
  }
}
