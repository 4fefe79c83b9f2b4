/**
 * The panel's styles: adopted into the shadow root when the panel chunk loads. No comments in
 * the CSS (they would ship), and each rule ends its line with a backslash (a line continuation: the
 * newline does not ship either). The last rule, the `max-width:450px` query, makes the Messenger
 * take the whole narrow screen and close from its header.
 */
export const panelStyles = `\
.parley-panel{position:fixed;z-index:var(--parley-z);right:var(--parley-side);bottom:calc(var(--parley-bottom) + 64px);width:380px;height:min(640px,calc(100vh - var(--parley-bottom) - 84px));display:flex;flex-direction:column;overflow:hidden;background:#fff;border-radius:16px;box-shadow:0 5px 40px rgba(9,14,21,.16),0 1px 4px rgba(9,14,21,.06);transform-origin:bottom right;animation:parley-in .22s cubic-bezier(.2,.8,.2,1)}\
.parley-panel[hidden]{display:none}\
.parley-panel:focus,.parley-article__title:focus{outline:none}\
.parley--left .parley-panel{right:auto;left:var(--parley-side);transform-origin:bottom left}\
@keyframes parley-in{from{opacity:0;transform:translateY(12px) scale(.98)}}\
.parley-icon-button{flex:none;width:36px;height:36px;margin:0;padding:0;border:0;border-radius:50%;background:transparent;color:inherit;cursor:pointer;display:grid;place-items:center;opacity:.8}\
.parley-icon-button:hover{opacity:1;background:rgba(127,127,127,.14)}\
.parley-icon-button svg{width:20px;height:20px}\
.parley-header{flex:none;display:flex;align-items:center;gap:8px;min-width:0;padding:10px 8px 10px 6px;border-bottom:1px solid #eef0f3;color:#1d2330}\
.parley-header__text{flex:1;min-width:0}\
.parley-header__title{margin:0;font-size:15px;font-weight:600;line-height:1.3;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}\
.parley-header__subtitle{margin:0;font-size:12.5px;color:#5b6472;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}\
.parley-face{flex:none;display:grid;place-items:center;width:28px;height:28px;border-radius:50%;color:#fff;font-size:11px;font-weight:600;letter-spacing:.02em;box-shadow:0 0 0 2px #fff}\
.parley-face--large{width:36px;height:36px;font-size:13px}\
.parley-face--ai{background:var(--parley-bg);color:var(--parley-bg-ink)}\
.parley-face--ai svg{width:60%;height:60%}\
.parley-face--team{background:#e8ebef;color:#4b5563}\
.parley-face--team svg{width:58%;height:58%}\
.parley-home{flex:1;overflow-y:auto;overscroll-behavior:contain;background:#f6f7f9}\
.parley-hero{padding:14px 14px 64px 22px;background:linear-gradient(160deg,var(--parley-bg),color-mix(in srgb,var(--parley-bg) 70%,#000));color:var(--parley-bg-ink)}\
.parley-hero__top{display:flex;align-items:center;gap:10px;min-width:0}\
.parley-hero__brand{flex:1;min-width:0;font-weight:700;font-size:16px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}\
.parley-team{display:flex;flex-direction:row-reverse}\
.parley-team .parley-face{margin-left:-8px;box-shadow:0 0 0 2px color-mix(in srgb,var(--parley-bg) 85%,#000)}\
.parley-hero__title{margin:40px 0 0;font-size:27px;line-height:1.2;font-weight:700;letter-spacing:-.01em}\
.parley-hero__title span{display:block}\
.parley-hero__title span+span{opacity:.78}\
.parley-home__cards{display:grid;gap:12px;margin-top:-44px;padding:0 14px 18px}\
.parley-card{display:block;width:100%;margin:0;padding:14px 16px;border:0;border-radius:12px;background:#fff;color:#1d2330;font:inherit;text-align:inherit;box-shadow:0 1px 2px rgba(9,14,21,.06),0 2px 12px rgba(9,14,21,.06)}\
.parley-recent,.parley-cta{position:relative;cursor:pointer;transition:box-shadow .15s}\
.parley-recent:hover,.parley-cta:hover{box-shadow:0 1px 2px rgba(9,14,21,.08),0 4px 18px rgba(9,14,21,.12)}\
.parley-card__action{margin:0;padding:0;border:0;background:none;font:inherit;color:inherit;text-align:inherit;cursor:pointer}\
.parley-card__action::after{content:"";position:absolute;inset:0;border-radius:12px}\
.parley-recent .parley-card__action{position:absolute;inset:0;border-radius:12px}\
.parley-panel .parley-card__action:focus-visible{outline:none}\
.parley-card:has(.parley-card__action:focus-visible){box-shadow:0 0 0 2px var(--parley-color)}\
.parley-card__label{display:block;margin-bottom:8px;font-size:13px;font-weight:600}\
.parley-recent__row,.parley-cta{display:flex;align-items:center;gap:12px}\
.parley-recent__text,.parley-cta__text{flex:1;min-width:0;display:grid;gap:2px}\
.parley-recent__preview{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}\
.parley-recent__meta,.parley-cta__sub{font-size:12.5px;color:#5b6472}\
.parley-cta__title{font-weight:600}\
.parley-card>svg,.parley-recent__row>svg,.parley-result>svg{flex:none;width:18px;height:18px;color:color-mix(in srgb,var(--parley-color) 85%,#000)}\
.parley-search{padding:8px}\
.parley-search__box{display:flex;align-items:center;gap:8px;padding:0 12px;border-radius:8px;background:#f3f4f6}\
.parley-search__box input{flex:1;min-width:0;height:40px;margin:0;padding:0;border:0;outline:none;background:transparent;font:inherit;color:inherit}\
.parley-search__box:focus-within{box-shadow:0 0 0 2px var(--parley-color)}\
.parley-search__box svg{flex:none;width:18px;height:18px;color:color-mix(in srgb,var(--parley-color) 85%,#000)}\
.parley-search__note{margin:10px 8px 4px;font-size:13px;color:#5b6472}\
.parley-results{margin:4px 0 0;padding:0;list-style:none}\
.parley-result{display:grid;grid-template-columns:1fr auto;gap:2px 10px;width:100%;margin:0;padding:10px 8px;border:0;border-radius:8px;background:none;font:inherit;color:inherit;text-align:inherit;cursor:pointer}\
.parley-result:hover{background:#f6f7f9}\
.parley-result__title{font-weight:500}\
.parley-result__snippet{grid-column:1;font-size:12.5px;color:#5b6472;display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical;overflow:hidden}\
.parley-result>svg{grid-column:2;grid-row:1/3;align-self:center}\
.parley-help{flex:1;overflow-y:auto;overscroll-behavior:contain;padding:12px 14px 20px;background:#f6f7f9}\
.parley-help .parley-search{box-shadow:none;border:1px solid #eef0f3}\
.parley-conversations{margin:0;padding:6px;list-style:none}\
.parley-conversation{display:block;width:100%;margin:0;padding:10px;border:0;border-radius:8px;background:none;font:inherit;color:inherit;text-align:inherit;cursor:pointer}\
.parley-conversation:hover{background:#f6f7f9}\
.parley-all{display:flex;align-items:center;justify-content:space-between;gap:12px;font-weight:600;cursor:pointer}\
.parley-messages__start{flex:none;display:flex;justify-content:center;padding:12px 14px 16px;background:#f6f7f9}\
.parley-start{display:inline-flex;align-items:center;gap:10px;min-height:44px;padding:0 20px;border:0;border-radius:22px;background:var(--parley-color);color:var(--parley-ink);font:inherit;font-weight:600;cursor:pointer}\
.parley-start:disabled{opacity:.6;cursor:default}\
.parley-start svg{width:16px;height:16px}\
.parley-article{padding:6px 8px}\
.parley-article__title{margin:4px 0 12px;font-size:21px;line-height:1.25}\
.parley-markdown{font-size:14.5px;line-height:1.6}\
.parley-markdown :is(h3,h4,h5,h6){margin:18px 0 6px;font-size:15px}\
.parley-markdown :is(p,ul,ol,blockquote,pre){margin:0 0 10px}\
.parley-markdown :is(ul,ol){padding-inline-start:22px}\
.parley-markdown code{padding:1px 4px;border-radius:4px;background:#eef0f3;font-size:.92em}\
.parley-markdown pre{padding:10px;border-radius:8px;background:#eef0f3;overflow-x:auto}\
.parley-markdown blockquote{padding-inline-start:10px;border-inline-start:3px solid #d1d5db;color:#4b5563}\
.parley-markdown a,.parley-article__link{color:color-mix(in srgb,var(--parley-color) 85%,#000)}\
.parley-article__link{display:inline-flex;gap:6px;align-items:center;margin-top:8px;font-weight:500}\
.parley-article__link svg{width:16px;height:16px}\
.parley-thread{flex:1;overflow-y:auto;overscroll-behavior:contain;padding:8px 16px 18px;display:flex;flex-direction:column}\
.parley-message{display:flex;align-items:flex-end;gap:8px;max-width:88%;margin-top:14px}\
.parley-message--customer{align-self:flex-end}\
.parley-message--system{align-self:center}\
.parley-message__body{display:flex;flex-direction:column;align-items:flex-start;gap:3px;min-width:0}\
.parley-message--customer .parley-message__body{align-items:flex-end}\
.parley-message .parley-face{margin-bottom:22px}\
.parley-bubble{padding:10px 14px;border-radius:18px;border-end-start-radius:6px;background:#f1f2f5;overflow-wrap:anywhere}\
.parley-message--agent .parley-bubble{background:#fff;border:1px solid #e3e6eb;box-shadow:0 1px 2px rgba(9,14,21,.05)}\
.parley-message--customer .parley-bubble{border-radius:18px;border-end-end-radius:6px;background:var(--parley-color);color:var(--parley-ink)}\
.parley-message--pending .parley-bubble{opacity:.75}\
.parley-message--system .parley-bubble{background:#fff;border:1px solid #e5e7eb;color:#4b5563}\
.parley-meta{display:flex;flex-wrap:wrap;align-items:center;gap:6px;margin:2px 4px 0;font-size:12px;color:#5b6472}\
.parley-meta__name{font-weight:600;color:#374151}\
.parley-tag{padding:1px 7px;border-radius:999px;font-size:11px;font-weight:600;background:color-mix(in srgb,var(--parley-color) 12%,#fff);color:color-mix(in srgb,var(--parley-color) 75%,#000)}\
.parley-tag--team{background:#eef0f3;color:#374151}\
.parley-meta time::before{content:"·";margin-inline-end:6px}\
.parley-message--customer .parley-meta time::before{content:none}\
.parley-text{margin:0;white-space:pre-wrap}\
.parley-markdown--chat{font-size:inherit;line-height:inherit}\
.parley-markdown--chat p{white-space:pre-wrap}\
.parley-markdown--chat>:last-child{margin-bottom:0}\
.parley-writing .parley-face{margin-bottom:0}\
.parley-dots{display:flex;gap:4px;padding:5px 2px}\
.parley-dots i{width:7px;height:7px;border-radius:50%;background:#9ca3af;animation:parley-dot 1.2s infinite ease-in-out}\
.parley-dots i:nth-child(2){animation-delay:.15s}\
.parley-dots i:nth-child(3){animation-delay:.3s}\
@keyframes parley-dot{0%,60%,100%{opacity:.35;transform:none}30%{opacity:1;transform:translateY(-3px)}}\
.parley-sources{margin-top:10px;padding-top:8px;border-top:1px solid rgba(0,0,0,.08)}\
.parley-sources__label{margin:0 0 4px;font-size:12px;font-weight:600;color:#5b6472}\
.parley-sources ul{margin:0;padding:0;list-style:none;display:grid;gap:4px}\
.parley-sources a{display:inline-flex;align-items:flex-start;gap:6px;color:color-mix(in srgb,var(--parley-color) 85%,#000);font-weight:500;text-decoration:none}\
.parley-sources a:hover{text-decoration:underline}\
.parley-sources svg{flex:none;width:16px;height:16px;margin-top:2px}\
.parley-status{margin:4px 4px 0;font-size:12px;color:#5b6472}\
.parley-status--failed{color:#c62828}\
.parley-retry{margin:0 0 0 6px;padding:0;border:0;background:none;font:inherit;font-weight:600;color:inherit;text-decoration:underline;cursor:pointer}\
.parley-system-note{align-self:center;max-width:90%;margin:16px 0 0;padding:6px 12px;border-radius:999px;background:#f3f4f6;font-size:12.5px;color:#4b5563;text-align:center}\
.parley-replies{display:flex;flex-wrap:wrap;justify-content:flex-end;gap:8px;margin:16px 0 2px;padding:1px}\
.parley-reply{padding:8px 14px;border:1px solid var(--parley-color);border-radius:999px;background:#fff;color:color-mix(in srgb,var(--parley-color) 85%,#000);font:inherit;font-weight:500;line-height:1.3;cursor:pointer;transition:background .15s,color .15s}\
.parley-reply:hover:not(:disabled){background:var(--parley-color);color:var(--parley-ink)}\
.parley-reply:disabled{opacity:.5;cursor:default}\
.parley-error{display:flex;gap:10px;align-items:flex-start;margin:0 16px 12px;padding:12px 14px;border-radius:12px;background:#fff4f4;color:#9b1c1c;font-size:13.5px}\
.parley-home .parley-error{margin:0}\
.parley-error p{margin:0}\
.parley-error svg{flex:none;width:18px;height:18px;margin-top:1px}\
.parley-composer{flex:none;display:flex;flex-wrap:wrap;align-items:flex-end;gap:8px;padding:10px 12px 12px 16px;border-top:1px solid #eef0f3;transition:box-shadow .15s}\
.parley-composer:focus-within{box-shadow:inset 0 2px 0 var(--parley-color)}\
.parley-composer textarea{flex:1;min-height:36px;max-height:120px;margin:0;padding:8px 0;border:0;outline:none;resize:none;background:transparent;font:inherit;color:inherit}\
.parley-composer textarea::placeholder{color:#5b6472}\
.parley-composer textarea:disabled{cursor:not-allowed}\
.parley-count{order:3;flex-basis:100%;font-size:12px;color:#5b6472}\
.parley-send{flex:none;width:36px;height:36px;margin:0;padding:0;border:0;border-radius:50%;background:var(--parley-color);color:var(--parley-ink);display:grid;place-items:center;cursor:pointer;transition:opacity .15s}\
.parley-send:disabled{background:#e5e7eb;color:#5b6472;cursor:default}\
.parley-send svg{width:18px;height:18px}\
.parley-panel :is(button,a):focus-visible{outline:2px solid var(--parley-color);outline-offset:2px}\
.parley-hero :is(button):focus-visible{outline-color:currentColor}\
.parley-panel[dir=rtl] :is(.parley-header .parley-icon-button:first-child svg,.parley-recent__row>svg,.parley-result>svg){transform:scaleX(-1)}\
.parley-preview{position:fixed;z-index:var(--parley-z);right:var(--parley-side);bottom:calc(var(--parley-bottom) + 64px);display:flex;align-items:flex-start;gap:10px;width:min(320px,calc(100vw - 2 * var(--parley-side)));margin:0;padding:12px 14px;border:0;border-radius:14px;background:#fff;color:#1d2330;font:inherit;text-align:start;cursor:pointer;box-shadow:0 5px 30px rgba(9,14,21,.16),0 1px 4px rgba(9,14,21,.08);animation:parley-in .22s cubic-bezier(.2,.8,.2,1)}\
.parley--left .parley-preview{right:auto;left:var(--parley-side)}\
.parley-preview .parley-face{margin:0}\
.parley-preview__body{display:grid;gap:2px;min-width:0}\
.parley-preview__name{font-size:12.5px;font-weight:600;color:#374151}\
.parley-preview__text{display:-webkit-box;-webkit-line-clamp:3;-webkit-box-orient:vertical;overflow:hidden}\
.parley-preview:focus-visible{outline:2px solid var(--parley-color);outline-offset:2px}\
@media (max-width:450px){.parley .parley-panel{inset:0;width:auto;height:auto;border-radius:0}.parley-launcher[aria-expanded="true"]{display:none}}\
`;
