/**
 * What a browser sees without the token (HTTP 401): a short page in both
 * languages, styled by its own inline stylesheet, which the page's own CSP
 * (nothing else: no scripts, no requests) allows.
 */
export const REFUSED_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'";

export const REFUSED_PAGE = `<!doctype html>
<html lang="en">
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Lading · token needed</title>
<style>
  :root { color-scheme: light dark; --bg: #f6f7f9; --panel: #fff; --fg: #1c2430; --muted: #6b7685; --line: #dde2e8; --accent: #1f6feb; }
  @media (prefers-color-scheme: dark) { :root { --bg: #111418; --panel: #181c21; --fg: #e6e9ee; --muted: #8b95a3; --line: #2a3038; --accent: #4c8dff; } }
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: var(--bg); color: var(--fg);
    font: 15px/1.55 system-ui, -apple-system, 'Segoe UI', 'Noto Sans', 'Noto Sans CJK SC', 'PingFang SC', sans-serif; }
  main { max-width: 560px; margin: 24px; padding: 28px 32px; background: var(--panel); border: 1px solid var(--line);
    border-radius: 12px; box-shadow: 0 8px 30px rgba(0,0,0,.08); }
  .brand { font-weight: 700; letter-spacing: .02em; color: var(--accent); margin: 0 0 12px; }
  h1 { font-size: 1.3em; margin: 0 0 8px; }
  p { margin: 8px 0; }
  hr { border: 0; border-top: 1px solid var(--line); margin: 18px 0; }
  code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .92em; padding: 1px 5px;
    border-radius: 4px; background: var(--bg); border: 1px solid var(--line); }
  .muted { color: var(--muted); font-size: .92em; }
</style>
<main>
  <p class="brand">Lading</p>
  <h1>This Lading server needs its token</h1>
  <p>Open the full URL that <code>npm run serve</code> printed: it holds a token that is new each run.</p>
  <p class="muted">HTTP 401 · the address alone is not enough.</p>
  <hr>
  <section lang="zh-CN">
    <h1>此 Lading 服务器需要令牌</h1>
    <p>请打开 <code>npm run serve</code> 打印的完整地址，其中包含每次运行都会更新的令牌。</p>
    <p class="muted">HTTP 401 · 只有地址还不够。</p>
  </section>
</main>
</html>`;
