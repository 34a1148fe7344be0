import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { UploadRegistry } from '../../electron/api/uploads';
import { loadedImagesOf } from '../../electron/engine/archives/load';

describe('UploadRegistry', () => {
  it('hands the body to the consumer whether it or the bytes arrive first', async () => {
    const reg = new UploadRegistry();
    const early = reg.create('s1', 'a.tar', 3);
    const body1 = new PassThrough();
    expect(reg.attach(early, body1)).toBe(true);
    expect((await reg.take(early, 's1', new AbortController().signal)).body).toBe(body1);

    const late = reg.create('s1', 'b.tar', 3);
    const taken = reg.take(late, 's1', new AbortController().signal);
    const body2 = new PassThrough();
    reg.attach(late, body2);
    expect(await taken).toMatchObject({ body: body2, size: 3, name: 'b.tar' });
  });

  it('refuses a second body, another session, and unknown ids', async () => {
    const reg = new UploadRegistry();
    const id = reg.create('s1', 'a.tar', 1);
    expect(reg.attach(id, new PassThrough())).toBe(true);
    expect(reg.attach(id, new PassThrough())).toBe(false);
    await expect(reg.take(id, 's2', new AbortController().signal)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(reg.attach('nope', new PassThrough())).toBe(false);
  });

  it('gives up waiting when the operation is cancelled', async () => {
    const reg = new UploadRegistry();
    const id = reg.create('s1', 'a.tar', 1);
    const ac = new AbortController();
    const taken = reg.take(id, 's1', ac.signal);
    ac.abort();
    await expect(taken).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(reg.has(id)).toBe(false);
  });
});

describe('loadedImagesOf', () => {
  it('reads tags and IDs from the engine’s load answer', () => {
    expect(
      loadedImagesOf([
        { stream: 'Loaded image: fixture/app:1.0\n' },
        { stream: 'Loaded image ID: sha256:abc\n' },
        { stream: 'unrelated\n' },
      ]),
    ).toEqual(['fixture/app:1.0', 'sha256:abc']);
  });
});
