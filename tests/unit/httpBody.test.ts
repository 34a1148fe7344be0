import { describe, expect, it } from 'vitest';
import {
  BodyDecoder,
  framingOf,
  HttpFramingError,
  parseHead,
  type Framing,
} from '../../electron/engine/archives/httpBody';

/** Feeds `wire` cut into pieces at `cuts`; returns the body and whether it ended. */
const decode = (framing: Framing, wire: Buffer, cuts: number[] = []) => {
  const out: Buffer[] = [];
  const d = new BodyDecoder(framing, (s) => out.push(Buffer.from(s)));
  let ended = false;
  let at = 0;
  for (const cut of [...cuts, wire.length]) {
    ended = d.write(wire.subarray(at, cut)) || ended;
    at = cut;
  }
  return { body: Buffer.concat(out).toString('latin1'), ended };
};

const chunked = Buffer.from('5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\nX-Trailer: t\r\n\r\nafter', 'latin1');

describe('engine answer framing (httpBody.ts)', () => {
  it('reads a response head: status, message, lower-case headers', () => {
    const head = parseHead('HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked');
    expect(head).toEqual({
      statusCode: 404,
      statusMessage: 'Not Found',
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
    });
    expect(framingOf(head)).toEqual({ kind: 'chunked' });
    expect(framingOf(parseHead('HTTP/1.1 200 OK\r\nContent-Length: 12'))).toEqual({ kind: 'length', length: 12 });
    expect(framingOf(parseHead('HTTP/1.0 200 OK'))).toEqual({ kind: 'close' });
  });

  it('refuses what is not HTTP or has framing it does not know', () => {
    expect(() => parseHead('SSH-2.0-OpenSSH')).toThrow(HttpFramingError);
    expect(() => framingOf(parseHead('HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked'))).toThrow(/gzip/);
    expect(() => framingOf(parseHead('HTTP/1.1 200 OK\r\nContent-Length: -1'))).toThrow(HttpFramingError);
  });

  it('removes chunked framing, whole or cut at every byte, and stops at the end', () => {
    expect(decode({ kind: 'chunked' }, chunked)).toEqual({ body: 'hello, world', ended: true });
    for (let cut = 1; cut < chunked.length; cut++) {
      expect(decode({ kind: 'chunked' }, chunked, [cut])).toEqual({ body: 'hello, world', ended: true });
    }
    const everyByte = Array.from({ length: chunked.length - 1 }, (_, i) => i + 1);
    expect(decode({ kind: 'chunked' }, chunked, everyByte)).toEqual({ body: 'hello, world', ended: true });
  });

  it('a chunked body cut short has not ended', () => {
    expect(decode({ kind: 'chunked' }, chunked.subarray(0, 20))).toEqual({ body: 'hello,', ended: false });
  });

  it('refuses a malformed chunk size or a chunk without its line end', () => {
    expect(() => decode({ kind: 'chunked' }, Buffer.from('zz\r\nabc'))).toThrow(HttpFramingError);
    expect(() => decode({ kind: 'chunked' }, Buffer.from('3\r\nabcX\r\n'))).toThrow(HttpFramingError);
    expect(() => decode({ kind: 'chunked' }, Buffer.alloc(4096, '1'))).toThrow(HttpFramingError);
  });

  it('a Content-Length body ends at its length; a body until close never ends by itself', () => {
    expect(decode({ kind: 'length', length: 5 }, Buffer.from('hello, world'), [2])).toEqual({
      body: 'hello',
      ended: true,
    });
    expect(decode({ kind: 'close' }, Buffer.from('hello'), [2])).toEqual({ body: 'hello', ended: false });
  });
});
