/** The panel's styles: adopted into the shadow root when the panel chunk loads. */
export const panelStyles = `
.parley-panel{position:fixed;z-index:var(--parley-z);right:var(--parley-side);bottom:calc(var(--parley-bottom) + 64px);width:380px;height:min(600px,calc(100vh - var(--parley-bottom) - 84px));display:flex;flex-direction:column;overflow:hidden;background:#fff;border-radius:16px;box-shadow:0 5px 40px rgba(9,14,21,.16),0 1px 4px rgba(9,14,21,.06);transform-origin:bottom right;animation:parley-in .22s cubic-bezier(.2,.8,.2,1)}
.parley-panel[hidden]{display:none}
.parley-panel:focus{outline:none}
.parley--left .parley-panel{right:auto;left:var(--parley-side);transform-origin:bottom left}
@keyframes parley-in{from{opacity:0;transform:translateY(12px) scale(.98)}}
.parley-header{display:flex;align-items:center;gap:12px;padding:16px 16px 14px;border-bottom:1px solid #eef0f3}
.parley-avatar{flex:none;width:36px;height:36px;border-radius:50%;background:var(--parley-color);color:#fff;display:grid;place-items:center;font-weight:600;font-size:15px}
.parley-header__text{flex:1;min-width:0}
.parley-header__title{margin:0;font-size:15px;font-weight:600;line-height:1.3;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.parley-header__subtitle{margin:0;font-size:13px;color:#6b7280}
.parley-header__close{display:none;flex:none;width:36px;height:36px;margin:0;padding:0;border:0;border-radius:50%;background:transparent;color:#4b5563;cursor:pointer;place-items:center}
.parley-header__close:hover{background:#f3f4f6}
.parley-header__new{flex:none;margin:0;padding:6px 12px;border:1px solid #e5e7eb;border-radius:999px;background:#fff;color:#374151;font:inherit;font-size:13px;font-weight:500;cursor:pointer}
.parley-header__new:hover{background:#f3f4f6}
.parley-header__new:focus-visible{outline:2px solid var(--parley-color);outline-offset:2px}
.parley-header__close svg{width:20px;height:20px}
.parley-thread{flex:1;overflow-y:auto;overscroll-behavior:contain;padding:12px 16px 16px;display:flex;flex-direction:column}
.parley-message{display:flex;flex-direction:column;align-items:flex-start;max-width:85%;margin-top:6px}
.parley-message--customer{align-self:flex-end;align-items:flex-end}
.parley-author{display:flex;align-items:center;gap:6px;margin:10px 0 4px 2px;font-size:12px;color:#6b7280}
.parley-author__name{font-weight:600;color:#374151}
.parley-tag{padding:1px 7px;border-radius:999px;font-size:11px;font-weight:600;background:color-mix(in srgb,var(--parley-color) 12%,#fff);color:color-mix(in srgb,var(--parley-color) 75%,#000)}
.parley-bubble{padding:10px 14px;border-radius:18px 18px 18px 6px;background:#f3f4f6;overflow-wrap:anywhere}
.parley-message--customer .parley-bubble{border-radius:18px 18px 6px 18px;background:var(--parley-color);color:#fff}
.parley-message--pending .parley-bubble{opacity:.75}
.parley-message--system .parley-bubble{background:#fff;border:1px solid #e5e7eb;color:#4b5563}
.parley-text{margin:0;white-space:pre-wrap}
.parley-sources{margin-top:10px;padding-top:8px;border-top:1px solid rgba(0,0,0,.08)}
.parley-sources__label{margin:0 0 4px;font-size:12px;font-weight:600;color:#6b7280}
.parley-sources ul{margin:0;padding:0;list-style:none;display:grid;gap:4px}
.parley-sources a{display:inline-flex;align-items:flex-start;gap:6px;color:color-mix(in srgb,var(--parley-color) 85%,#000);font-weight:500;text-decoration:none}
.parley-sources a:hover{text-decoration:underline}
.parley-sources svg{flex:none;width:16px;height:16px;margin-top:2px}
.parley-status{margin:4px 4px 0;font-size:12px;color:#6b7280}
.parley-status--failed{color:#c62828}
.parley-retry{margin:0 0 0 6px;padding:0;border:0;background:none;font:inherit;font-weight:600;color:inherit;text-decoration:underline;cursor:pointer}
.parley-replies{display:flex;flex-wrap:wrap;justify-content:flex-end;gap:8px;margin-top:14px}
.parley-reply{padding:8px 14px;border:1px solid var(--parley-color);border-radius:999px;background:#fff;color:color-mix(in srgb,var(--parley-color) 85%,#000);font:inherit;font-weight:500;cursor:pointer;transition:background .15s,color .15s}
.parley-reply:hover:not(:disabled){background:var(--parley-color);color:#fff}
.parley-reply:disabled{opacity:.5;cursor:default}
.parley-note{margin:0;padding:10px 16px;border-top:1px solid #eef0f3;background:#f9fafb;font-size:13px;color:#4b5563;text-align:center}
.parley-error{display:flex;gap:10px;align-items:flex-start;margin:0 16px 12px;padding:12px 14px;border-radius:12px;background:#fff4f4;color:#9b1c1c;font-size:13.5px}
.parley-error p{margin:0}
.parley-error svg{flex:none;width:18px;height:18px;margin-top:1px}
.parley-composer{display:flex;align-items:flex-end;gap:8px;padding:10px 12px 12px 16px;border-top:1px solid #eef0f3;transition:box-shadow .15s}
.parley-composer:focus-within{box-shadow:inset 0 2px 0 var(--parley-color)}
.parley-composer textarea{flex:1;min-height:36px;max-height:120px;margin:0;padding:8px 0;border:0;outline:none;resize:none;background:transparent;font:inherit;color:inherit}
.parley-composer textarea::placeholder{color:#9ca3af}
.parley-composer textarea:disabled{cursor:not-allowed}
.parley-send{flex:none;width:36px;height:36px;margin:0;padding:0;border:0;border-radius:50%;background:var(--parley-color);color:#fff;display:grid;place-items:center;cursor:pointer;transition:opacity .15s}
.parley-send:disabled{background:#e5e7eb;color:#9ca3af;cursor:default}
.parley-send svg{width:18px;height:18px}
.parley-panel :is(button,a):focus-visible{outline:2px solid var(--parley-color);outline-offset:2px}
/* Narrow screens: the Messenger takes the whole screen and closes from its header. */
@media (max-width:450px){.parley .parley-panel{inset:0;width:auto;height:auto;border-radius:0}.parley-header__close{display:grid}.parley-launcher[aria-expanded="true"]{display:none}}
`;
