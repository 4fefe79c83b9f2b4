// The little of @mixmark-io/domino (turndown's DOM, which agent/html.ts also uses to find a saved
// page's article) that Parley calls. Its own typings declare the module under another name, with
// the browser's DOM types, which the server does not load.
declare module "@mixmark-io/domino" {
  export interface DominoElement {
    innerHTML: string;
    querySelector(selectors: string): DominoElement | null;
    querySelectorAll(selectors: string): ArrayLike<DominoElement>;
    getAttribute(name: string): string | null;
    contains(other: DominoElement): boolean;
    remove(): void;
  }
  export interface DominoDocument {
    body: DominoElement;
    querySelector(selectors: string): DominoElement | null;
    querySelectorAll(selectors: string): ArrayLike<DominoElement>;
  }
  export function createDocument(html: string): DominoDocument;
}
