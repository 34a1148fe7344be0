import { describe, expect, it } from 'vitest';
import { assignLayers, guessWritesLayer } from '../../electron/engine/images/history';
import { instructionOf, reconstructDockerfile } from '../../renderer/src/features/image/reconstruct';

describe('instructionOf (history → Dockerfile)', () => {
  it('strips the classic builder’s #(nop) prefix from metadata steps', () => {
    expect(instructionOf('/bin/sh -c #(nop)  ENV APP_VERSION=2.0 APP_HOME=/app')).toBe(
      'ENV APP_VERSION=2.0 APP_HOME=/app',
    );
    expect(instructionOf('/bin/sh -c #(nop) WORKDIR /app')).toBe('WORKDIR /app');
  });
  it('restores RUN for shell steps, with or without build arguments', () => {
    expect(instructionOf('/bin/sh -c echo "app $APP_VERSION" > VERSION && mkdir -p data')).toBe(
      'RUN echo "app $APP_VERSION" > VERSION && mkdir -p data',
    );
    expect(instructionOf('|2 A=1 B=x /bin/sh -c make')).toBe('RUN make');
    expect(instructionOf('RUN /bin/sh -c apk add curl # buildkit')).toBe('RUN apk add curl');
  });
  it('turns Go-printed lists back into JSON forms', () => {
    expect(instructionOf('/bin/sh -c #(nop)  ENTRYPOINT ["sh" "-c"]')).toBe('ENTRYPOINT ["sh", "-c"]');
    expect(instructionOf('/bin/sh -c #(nop)  CMD ["cat /app/VERSION"]')).toBe('CMD ["cat /app/VERSION"]');
    expect(instructionOf('/bin/sh -c #(nop)  VOLUME [/app/data /x]')).toBe('VOLUME ["/app/data", "/x"]');
  });
  it('rewrites the classic COPY … in DEST form', () => {
    expect(instructionOf('/bin/sh -c #(nop) COPY file:8646c74e in /app/app.conf ')).toBe(
      'COPY file:8646c74e /app/app.conf',
    );
    expect(instructionOf('COPY app.conf /app/ # buildkit')).toBe('COPY app.conf /app/');
  });
  it('has no instruction for an imported base', () => {
    expect(instructionOf('')).toBeNull();
  });
  it('reconstructs oldest first, the base as a comment', () => {
    const text = reconstructDockerfile(
      [
        { createdBy: '', comment: 'Imported from -' },
        { createdBy: '/bin/sh -c #(nop)  LABEL a=b', comment: '' },
        { createdBy: '/bin/sh -c touch /x', comment: '' },
      ],
      'base',
    );
    expect(text).toBe('# base (Imported from -)\nLABEL a=b\nRUN touch /x\n');
  });
});

describe('which history steps wrote a layer', () => {
  it('guesses from the instruction when the engine cannot tell', () => {
    expect(guessWritesLayer('/bin/sh -c #(nop)  ENV A=1', 0)).toBe(false);
    expect(guessWritesLayer('/bin/sh -c true', 0)).toBe(true);
    expect(guessWritesLayer('', 0)).toBe(true);
    expect(guessWritesLayer('/bin/sh -c #(nop) WORKDIR /app', 0)).toBe('maybe');
    expect(guessWritesLayer('/bin/sh -c #(nop)  LABEL a=b', 12)).toBe(true);
  });
  it('settles a WORKDIR by the image’s layer count', () => {
    const steps = [
      { createdBy: '', size: 100, layerCount: undefined },
      { createdBy: '/bin/sh -c #(nop) WORKDIR /app', size: 0, layerCount: undefined },
      { createdBy: '/bin/sh -c touch x', size: 0, layerCount: undefined },
      { createdBy: '/bin/sh -c #(nop)  CMD ["sh"]', size: 0, layerCount: undefined },
    ];
    expect(assignLayers(steps, 3)).toEqual([true, true, true, false]);
    expect(assignLayers(steps, 2)).toEqual([true, false, true, false]);
  });
  it('trusts known layer counts over guesses, and gives up when nothing adds up', () => {
    const steps = [
      { createdBy: '', size: 100, layerCount: 1 },
      { createdBy: '/bin/sh -c #(nop)  ENV A=1', size: 0, layerCount: 2 },
    ];
    expect(assignLayers(steps, 2)).toEqual([true, true]);
    expect(assignLayers(steps, 5)).toBeNull();
  });
});
