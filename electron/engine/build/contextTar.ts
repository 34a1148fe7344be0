import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type tar from 'tar-stream';
import { HUGE_BYTES, HUGE_FILES, largestTop } from '../../../shared/build/contextRules';
import type { ContextSummary } from '../../../shared/contract/methods/build';
import { fileError } from '../files/kinds';
import { linkTarget, walkContext, type ContextPlan } from './context';

export { HUGE_BYTES, HUGE_FILES } from '../../../shared/build/contextRules';

/** Counts what the context sends, without reading any file. */
export const summarizeContext = async (plan: ContextPlan): Promise<ContextSummary> => {
  let files = 0;
  let folders = 0;
  let links = 0;
  let bytes = 0;
  let ignored = 0;
  let skippedSpecial = 0;
  const byTop = new Map<string, number>();
  const seen = new Set<string>();
  for await (const e of walkContext(plan, { onIgnored: () => ignored++, onSpecial: () => skippedSpecial++ })) {
    const sub = plan.substitutes.get(e.rel);
    if (sub) seen.add(e.rel);
    if (e.kind === 'folder') folders++;
    else if (e.kind === 'link' && !sub) links++;
    else {
      files++;
      const size = sub ? sub.length : e.stats.size;
      bytes += size;
      const top = e.rel.split('/')[0] as string;
      byTop.set(top, (byTop.get(top) ?? 0) + size);
    }
  }
  for (const [rel, buf] of plan.substitutes) {
    if (seen.has(rel)) continue;
    files++;
    bytes += buf.length;
  }
  const largest = largestTop(byTop);
  return {
    files,
    folders,
    links,
    bytes,
    ignorePatterns: plan.patternCount,
    ignored,
    skippedSpecial,
    largest,
    dockerfileInContext: plan.dockerfileInContext,
    dockerfileFound: plan.dockerfileFound,
    huge: bytes > HUGE_BYTES || files > HUGE_FILES,
  };
};

/** What pack.entry takes (tar-stream does not export the type). */
type HeaderArg = Parameters<tar.Pack['entry']>[0];

const fileEntry = (pack: tar.Pack, header: HeaderArg, content: Buffer) =>
  new Promise<void>((resolve, reject) => pack.entry(header, content, (err) => (err ? reject(err) : resolve())));

/**
 * Writes the context into `pack` one entry at a time, each file streamed
 * from disk (never the whole context in memory), then finalizes it. Owner
 * and group are 0 as the CLI sends them; links stay links.
 */
export const packContext = async (
  plan: ContextPlan,
  pack: tar.Pack,
  onBytes: (n: number) => void,
  signal: AbortSignal,
): Promise<void> => {
  const owner = { uid: 0, gid: 0, uname: '', gname: '' };
  const seen = new Set<string>();
  for await (const e of walkContext(plan)) {
    if (signal.aborted) return;
    const base = { name: e.rel, mode: e.stats.mode & 0o7777, mtime: e.stats.mtime, ...owner };
    const sub = plan.substitutes.get(e.rel);
    if (sub && e.kind !== 'folder') {
      seen.add(e.rel);
      await fileEntry(pack, { ...base, type: 'file', size: sub.length }, sub);
      onBytes(sub.length);
    } else if (e.kind === 'folder') {
      await fileEntry(pack, { ...base, type: 'directory' }, Buffer.alloc(0));
    } else if (e.kind === 'link') {
      let linkname: string;
      try {
        linkname = await linkTarget(e.abs);
      } catch (err) {
        throw fileError(err, e.abs, 'read');
      }
      await fileEntry(pack, { ...base, type: 'symlink', linkname }, Buffer.alloc(0));
    } else {
      const size = e.stats.size;
      await new Promise<void>((resolve, reject) => {
        const sink = pack.entry({ ...base, type: 'file', size }, (err) => (err ? reject(err) : resolve()));
        const source = createReadStream(e.abs, { highWaterMark: 256 * 1024 });
        source.on('data', (chunk) => onBytes(chunk.length));
        pipeline(source, sink).catch((err: unknown) => reject(fileError(err, e.abs, 'read')));
      });
    }
  }
  for (const [rel, buf] of plan.substitutes) {
    if (seen.has(rel)) continue;
    await fileEntry(pack, { name: rel, type: 'file', size: buf.length, mode: 0o644, mtime: new Date(), ...owner }, buf);
    onBytes(buf.length);
  }
  pack.finalize();
};
