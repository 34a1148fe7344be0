import { createReadStream } from 'node:fs';
import tar from 'tar-stream';

/** Names and the parsed manifest.json of a docker-archive, read as a stream. */
export const readArchive = (path: string): Promise<{ names: string[]; repoTags: string[] }> =>
  new Promise((resolve, reject) => {
    const names: string[] = [];
    let repoTags: string[] = [];
    const extract = tar.extract();
    extract.on('entry', (header, stream, next) => {
      names.push(header.name);
      if (header.name === 'manifest.json') {
        const chunks: Buffer[] = [];
        stream.on('data', (c: unknown) => chunks.push(c as Buffer));
        stream.on('end', () => {
          const manifest = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { RepoTags?: string[] | null }[];
          repoTags = manifest.flatMap((m) => m.RepoTags ?? []);
          next();
        });
      } else {
        stream.on('end', next);
        stream.resume();
      }
    });
    extract.on('finish', () => resolve({ names, repoTags }));
    extract.on('error', reject);
    createReadStream(path).on('error', reject).pipe(extract);
  });
