/**
 * Adds a stylesheet to the shadow root: a constructable stylesheet where the browser adopts
 * them (no inline <style>, so strict CSPs are fine), else a <style> element.
 */
export function addStyles(root: ShadowRoot, css: string, before: Node | null = null): void {
  const doc = root.ownerDocument;
  const SheetConstructor = doc.defaultView?.CSSStyleSheet;
  if ("adoptedStyleSheets" in root && typeof SheetConstructor === "function") {
    try {
      const sheet = new SheetConstructor();
      sheet.replaceSync(css);
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
      return;
    } catch {
      // Fall back to <style> below.
    }
  }
  const style = doc.createElement("style");
  style.textContent = css;
  root.insertBefore(style, before);
}

const font = `system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif`;

/**
 * The launcher's styles, in the entry chunk; the panel brings its own. The host element is the
 * page's: a reset stylesheet (`div { all: unset }`, `* { z-index: 10 !important }`, a `transform`
 * that would make it the box our fixed elements sit in) reaches it, and what it inherits reaches
 * us. `all: initial !important` undoes all of that: an important declaration of the shadow tree's
 * wins over the page's, important or not.
 */
export const launcherStyles = `
:host{all:initial!important}
.parley{font-family:${font};font-size:14px;line-height:1.45;color:#1d2330;-webkit-font-smoothing:antialiased;text-align:start}
.parley *,.parley *::before,.parley *::after{box-sizing:border-box}
.parley{--parley-ink:#fff;--parley-bg-ink:#fff}
@supports (color:lch(from red l c h)){.parley{--parley-ink:lch(from var(--parley-color) calc((66 - l) * 1000) 0 0);--parley-bg-ink:lch(from var(--parley-bg) calc((66 - l) * 1000) 0 0)}}
.parley-launcher{position:fixed;z-index:var(--parley-z);bottom:var(--parley-bottom);right:var(--parley-side);width:48px;height:48px;margin:0;padding:0;border:0;border-radius:50%;background:var(--parley-bg);color:var(--parley-bg-ink);cursor:pointer;display:grid;place-items:center;box-shadow:0 1px 6px rgba(0,0,0,.06),0 2px 32px rgba(0,0,0,.16);transition:transform .16s ease}
.parley--left .parley-launcher{right:auto;left:var(--parley-side)}
.parley-launcher:hover{transform:scale(1.06)}
.parley-launcher:active{transform:scale(.95)}
.parley-launcher:focus-visible{outline:3px solid color-mix(in srgb,var(--parley-bg) 45%,transparent);outline-offset:3px}
.parley-launcher__icon{grid-area:1/1;display:grid;place-items:center;transition:transform .2s ease,opacity .2s ease}
.parley-launcher__icon svg{width:26px;height:26px}
.parley-launcher__icon--close,.parley-launcher[aria-expanded="true"] .parley-launcher__icon--chat{opacity:0;transform:rotate(-45deg) scale(.5)}
.parley-launcher[aria-expanded="true"] .parley-launcher__icon--close{opacity:1;transform:none}
.parley-badge{position:absolute;top:-4px;right:-4px;min-width:20px;height:20px;padding:0 6px;border-radius:10px;background:#e5484d;color:#fff;font:600 11px/20px ${font};text-align:center;box-shadow:0 0 0 2px #fff}
.parley-visually-hidden{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
@media (prefers-reduced-motion:reduce){.parley *{transition:none!important;animation:none!important}}
`;
