import { expect, test } from './fixtures';
import { screens } from './screens';
import { walkScreens } from './walk';

/**
 * What a Chinese reader may see in Latin letters: names and data that are
 * not Lading's to translate. Everything else Latin on a zh-CN screen is an
 * English leftover. Text inside `translate="no"`, <code>, <kbd>, <samp>, `.mono`
 * (machine text: commands, environment, labels), or
 * an element whose `lang` is not Chinese (the language menu's endonyms) is
 * skipped by the collector: the UI marks image names, IDs, paths and the
 * engine's own messages that way.
 */
const allowed: RegExp[] = [
  /\bsha256:[0-9a-f]{0,64}…?/g, // digests and full IDs
  /\b[0-9a-f]{12,64}\b/g, // short and long IDs
  /(?:[\w.-]+(?::\d+)?\/)+[\w.-]+(?::[\w.-]+)?/g, // references with a path: 127.0.0.1:5000/team/app:1
  /\b[a-z0-9][\w.-]*:[\w.-]+/g, // name:tag, and filter terms such as dangling:true
  /(?:^|[\s（(“"])(?:~|\.{1,2})?\/[^\s，。；、）)”"]*/g, // paths
  /\d[\d.,]*\s*(?:B|kB|MB|GB|TB)\b/g, // sizes
  /\b[A-Z_]+=[A-Z_]+\b/g, // KEY=VALUE in filter help
  /\bdocker(?: [a-z-]+)+(?: -[a-z]+)*/g, // CLI commands named in sentences
  /\bnpm run [a-z]+/g,
  /\b[\w]+(?:[./=-][\w]+)+/g, // identifiers with separators: container and label names, lading-fixture-user, a.b=c
  /(?<=^|[\s（(])--?[a-z][\w-]*/g, // flags
  /\.(?:tar|gz|tgz|bz2|tbz2|xz|txz|zst|json|dockerignore)\b/g, // file name endings (and the build context's ignore file)
  /<none>/g, // the engine's marker for an untagged image
  /“[^”]*”/g, // what Lading quotes is a name or the user's own input
  /\b(?:dangling|label|before|since|reference|true|false)\b/g, // docker images filter terms
  /\b[A-Z][A-Z0-9_]+\b/g, // acronyms and placeholders: IP, KEY, VALUE
  // docker's commands and protocols, named in lower case inside Chinese sentences
  /\b(?:sh|shell|commit|run|build|pull|push|tag|save|load|import|export|rmi|prune|inspect|history|login|tcp|udp|sctp)\b/g,
  // Names of things that are not translated in Chinese writing about Docker.
  /\bDocker Hub\b/g,
  /\b(?:Lading|Docker|Podman|Dockerfile|OCI|API|ID|IDs|URL|CLI|HTTP|HTTPS|JSON|CSV|SHA|tar|gzip|bzip2|xz|zstd|CMD|ENTRYPOINT|ENV|EXPOSE|LABEL|ONBUILD|USER|VOLUME|WORKDIR|STOPSIGNAL|HEALTHCHECK|SHELL|Linux|Windows|amd64|arm64|linux)\b/g,
];

// Runs in the page (a string, since this file is type-checked without the DOM library).
const collect = `(() => {
  const skip = (el) => el.closest('[translate="no"], code, kbd, samp, .mono, script, style, [lang]:not([lang^="zh"])');
  const shown = (el) => el.checkVisibility({ visibilityProperty: true, opacityProperty: false });
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    const text = n.textContent.trim();
    if (text && el && !skip(el) && !el.closest('option') && shown(el)) out.push({ text, where: el.tagName });
  }
  for (const el of document.querySelectorAll('[placeholder], [aria-label], [title], [alt]')) {
    if (skip(el) || !shown(el)) continue;
    for (const a of ['placeholder', 'aria-label', 'title', 'alt']) {
      const v = el.getAttribute(a);
      if (v) out.push({ text: v, where: el.tagName + '@' + a });
    }
  }
  for (const sel of document.querySelectorAll('select')) {
    const o = sel.selectedOptions[0];
    if (o && shown(sel) && !skip(o)) out.push({ text: o.textContent.trim(), where: 'SELECT' });
  }
  return out;
})()`;

const leftover = (text: string) => {
  const rest = allowed.reduce((s, re) => s.replace(re, ' '), text);
  return /[A-Za-z]{2,}/.test(rest);
};

test('the allowlist lets names through and still catches English words', () => {
  for (const english of ['running', 'Choose File', '已创建 (created)', 'Nothing to prune', '语言 Language', 'Run']) {
    expect(leftover(english), english).toBe(true);
  }
  for (const name of ['fixture/app:1.0（已创建）', 'sha256:0123456789ab', '被 1 个容器使用: lading-fixture-user']) {
    expect(leftover(name), name).toBe(false);
  }
});

test('every screen and dialog in zh-CN shows no English left over', async ({ browser, serve }) => {
  test.setTimeout(240_000);
  const found: string[] = [];
  await walkScreens(browser, serve.url, 'zh-CN', { width: 1400, height: 900 }, screens, async (screen, page) => {
    const texts = (await page.evaluate(collect)) as { text: string; where: string }[];
    for (const { text, where } of texts) if (leftover(text)) found.push(`${screen.id} ${where}: ${text}`);
  });
  expect([...new Set(found)]).toEqual([]);
});
