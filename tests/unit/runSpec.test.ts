import { describe, expect, it } from 'vitest';
import {
  bindOf,
  fixedHostPort,
  invalidUtf8LinesOf,
  parseContainerName,
  parseEnvFile,
  parsePortSpec,
  parseRestart,
  parseUser,
  parseVolumeSpec,
  parseWords,
  parseWorkdir,
  portBindingsOf,
  type PortMapping,
} from '../../shared/contract/runSpec';

/** What `docker inspect -f '{{json .HostConfig.PortBindings}}'` showed after `docker create -p SPEC` (CLI 28.2). */
const bindingsOf = (spec: string) => {
  const r = parsePortSpec(spec);
  if (!r.ok) throw new Error(`${spec}: ${r.problem.code}`);
  return portBindingsOf(r.value).bindings;
};
const problemOf = (spec: string) => {
  const r = parsePortSpec(spec);
  return r.ok ? undefined : r.problem;
};

describe('parsePortSpec (docker run -p, as nat.ParsePortSpec)', () => {
  it('reads the forms the CLI accepts, with the bindings it records', () => {
    expect(bindingsOf('80')).toEqual({ '80/tcp': [{ HostIp: '', HostPort: '' }] });
    expect(bindingsOf('8080:80')).toEqual({ '80/tcp': [{ HostIp: '', HostPort: '8080' }] });
    expect(bindingsOf('8080:80/udp')).toEqual({ '80/udp': [{ HostIp: '', HostPort: '8080' }] });
    expect(bindingsOf('80/TCP')).toEqual({ '80/tcp': [{ HostIp: '', HostPort: '' }] });
    expect(bindingsOf('127.0.0.1:8080:80')).toEqual({ '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '8080' }] });
    expect(bindingsOf('127.0.0.1::80')).toEqual({ '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] });
    expect(bindingsOf('[::1]:8080:80')).toEqual({ '80/tcp': [{ HostIp: '::1', HostPort: '8080' }] });
    expect(bindingsOf('8000-8002:9000-9002')).toEqual({
      '9000/tcp': [{ HostIp: '', HostPort: '8000' }],
      '9001/tcp': [{ HostIp: '', HostPort: '8001' }],
      '9002/tcp': [{ HostIp: '', HostPort: '8002' }],
    });
    expect(bindingsOf('8000-8005:80')).toEqual({ '80/tcp': [{ HostIp: '', HostPort: '8000-8005' }] });
    expect(bindingsOf('9000-9001')).toEqual({
      '9000/tcp': [{ HostIp: '', HostPort: '' }],
      '9001/tcp': [{ HostIp: '', HostPort: '' }],
    });
    expect(bindingsOf('8080:0')).toEqual({ '0/tcp': [{ HostIp: '', HostPort: '8080' }] });
    // Go reads only the first two parts of "1-2-3".
    expect(bindingsOf('1-2-3:80')).toEqual({ '80/tcp': [{ HostIp: '', HostPort: '1-2' }] });
  });

  it('refuses what the CLI refuses, naming the part', () => {
    expect(problemOf('70000:80')).toEqual({ code: 'port.badHostPort', params: { port: '70000' } });
    expect(problemOf('a:80')).toEqual({ code: 'port.badHostPort', params: { port: 'a' } });
    expect(problemOf('8002-8000:80')).toEqual({ code: 'port.badHostPort', params: { port: '8002-8000' } });
    expect(problemOf('8080:80/xyz')).toEqual({ code: 'port.badProto', params: { proto: 'xyz' } });
    expect(problemOf('8080:')).toEqual({ code: 'port.noContainerPort', params: { spec: '8080:' } });
    expect(problemOf(' 80')).toEqual({ code: 'port.badContainerPort', params: { port: ' 80' } });
    expect(problemOf('8000-8001:80-82')).toEqual({
      code: 'port.rangeMismatch',
      params: { container: '80-82', host: '8000-8001' },
    });
    expect(problemOf('999.1.1.1:80:80')?.code).toBe('port.badIp');
    expect(problemOf('')?.code).toBe('port.empty');
  });

  it('names the fixed host ports that can be checked for being in use', () => {
    const hosts = (spec: string) => {
      const r = parsePortSpec(spec);
      return r.ok ? r.value.map((m: PortMapping) => fixedHostPort(m)) : [];
    };
    expect(hosts('8080:80')).toEqual([8080]);
    expect(hosts('80')).toEqual([undefined]);
    expect(hosts('8000-8005:80')).toEqual([undefined]);
  });
});

describe('parseEnvFile (docker run --env-file, as docker/cli pkg/kvfile)', () => {
  const env: Record<string, string> = { HOME: '/root', EMPTY: '' };
  const lookup = (k: string) => env[k];

  it('matches what `docker run --env-file` put into the container (CLI 28.2, seen with `env`)', () => {
    const text =
      '\uFEFF# c\nA="quoted value"\n  B=  spaced  \nC=x#notcomment\n\t# indented comment\nHOME\nNOPE_UNSET_X\nD=\nE=a=b\nF=\'single\'\r\n';
    expect(parseEnvFile(text, lookup)).toEqual({
      ok: true,
      value: ['A="quoted value"', 'B=  spaced  ', 'C=x#notcomment', 'HOME=/root', 'D=', 'E=a=b', "F='single'"],
    });
  });

  it('keeps a set-but-empty variable and leaves out an unset one', () => {
    expect(parseEnvFile('EMPTY\nUNSET\n', lookup)).toEqual({ ok: true, value: ['EMPTY='] });
  });

  it('refuses the lines the CLI refuses, with their line number', () => {
    expect(parseEnvFile('A=1\nK V=1\n', lookup)).toEqual({
      ok: false,
      problem: { code: 'env.whitespace', line: 2, params: { name: 'K V' } },
    });
    expect(parseEnvFile('\n\nKEY \n', lookup)).toEqual({
      ok: false,
      problem: { code: 'env.whitespace', line: 3, params: { name: 'KEY ' } },
    });
    expect(parseEnvFile('KEY =x', lookup)).toMatchObject({ ok: false, problem: { code: 'env.whitespace', line: 1 } });
    expect(parseEnvFile('# x\n=x\n', lookup)).toEqual({
      ok: false,
      problem: { code: 'env.noName', line: 2, params: { text: '=x' } },
    });
    expect(parseEnvFile(`A=${'x'.repeat(70_000)}`, lookup)).toMatchObject({
      ok: false,
      problem: { code: 'env.lineTooLong', line: 1 },
    });
  });

  it('reports bytes that are not UTF-8 by line', () => {
    const bytes = new Uint8Array([0x41, 0x3d, 0x31, 0x0a, 0x42, 0x3d, 0xff, 0x0a]);
    expect(invalidUtf8LinesOf(bytes)).toEqual([2]);
    expect(parseEnvFile('A=1\nB=\uFFFD\n', lookup, [2])).toEqual({
      ok: false,
      problem: { code: 'env.invalidUtf8', line: 2 },
    });
  });

  it('an empty file or only comments gives nothing', () => {
    expect(parseEnvFile('', lookup)).toEqual({ ok: true, value: [] });
    expect(parseEnvFile('# only\n\n   \t\n', lookup)).toEqual({ ok: true, value: [] });
  });
});

describe('parseVolumeSpec (docker run -v)', () => {
  it('tells binds, named and anonymous volumes apart', () => {
    expect(parseVolumeSpec('/srv/data:/data:ro')).toEqual({
      ok: true,
      value: { kind: 'bind', source: '/srv/data', target: '/data', mode: 'ro' },
    });
    expect(parseVolumeSpec('cache:/var/cache')).toEqual({
      ok: true,
      value: { kind: 'volume', name: 'cache', target: '/var/cache', mode: '' },
    });
    expect(parseVolumeSpec('/scratch')).toEqual({ ok: true, value: { kind: 'anonymous', target: '/scratch' } });
    const bind = parseVolumeSpec('/a:/b:ro,z');
    expect(bind.ok && bindOf(bind.value)).toBe('/a:/b:ro,z');
  });

  it('refuses what the engine would refuse, and relative sources', () => {
    expect(parseVolumeSpec('data:rel')).toMatchObject({ ok: false, problem: { code: 'volume.destinationRelative' } });
    expect(parseVolumeSpec('./d:/d')).toMatchObject({ ok: false, problem: { code: 'volume.sourceRelative' } });
    expect(parseVolumeSpec('/a:/b:rx')).toMatchObject({
      ok: false,
      problem: { code: 'volume.badMode', params: { mode: 'rx' } },
    });
    expect(parseVolumeSpec('a b:/b')).toMatchObject({ ok: false, problem: { code: 'volume.badName' } });
    expect(parseVolumeSpec('/a:/b:ro:x')).toMatchObject({ ok: false, problem: { code: 'volume.tooManyParts' } });
  });
});

describe('the other run fields', () => {
  it('splits commands as a shell would, without running one', () => {
    expect(parseWords(`sh -c 'echo "hi there" $HOME'`)).toEqual({
      ok: true,
      value: ['sh', '-c', 'echo "hi there" $HOME'],
    });
    expect(parseWords('echo a\\ b "c d"')).toEqual({ ok: true, value: ['echo', 'a b', 'c d'] });
    expect(parseWords('echo $HOME')).toEqual({ ok: true, value: ['echo', '$HOME'] });
    expect(parseWords('')).toEqual({ ok: true, value: [] });
    expect(parseWords('ls | wc')).toMatchObject({
      ok: false,
      problem: { code: 'words.operator', params: { op: '|' } },
    });
    expect(parseWords(`echo 'open`)).toMatchObject({ ok: false, problem: { code: 'words.unclosed' } });
    expect(parseWords(`echo "it's"`)).toEqual({ ok: true, value: ['echo', "it's"] });
  });

  it('checks names, restart policies, working directories and users', () => {
    expect(parseContainerName('web-1')).toEqual({ ok: true, value: 'web-1' });
    expect(parseContainerName('-x')).toMatchObject({ ok: false, problem: { code: 'name.invalid' } });
    expect(parseContainerName('a')).toMatchObject({ ok: false });
    expect(parseRestart('on-failure:3')).toEqual({ ok: true, value: { Name: 'on-failure', MaximumRetryCount: 3 } });
    expect(parseRestart('unless-stopped')).toEqual({ ok: true, value: { Name: 'unless-stopped' } });
    expect(parseRestart('sometimes')).toMatchObject({ ok: false, problem: { code: 'restart.invalid' } });
    expect(parseWorkdir('app')).toMatchObject({ ok: false, problem: { code: 'workdir.relative' } });
    expect(parseWorkdir('/app')).toEqual({ ok: true, value: '/app' });
    expect(parseUser('1000:1000')).toEqual({ ok: true, value: '1000:1000' });
    expect(parseUser('a b')).toMatchObject({ ok: false, problem: { code: 'user.invalid' } });
  });
});
