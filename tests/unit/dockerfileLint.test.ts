import { describe, expect, it } from 'vitest';
import { lintDockerfile } from '../../renderer/src/features/build/dockerfileLint';

const rules = (text: string) => lintDockerfile(text).map((w) => [w.rule, w.from.line, w.params]);

describe('lintDockerfile', () => {
  it('warns about a latest or untagged base image, not a pinned one, a digest, scratch or an earlier stage', () => {
    expect(
      rules(
        [
          'FROM ubuntu:latest',
          'FROM centos',
          'FROM registry.example:5000/team/app AS build',
          'FROM debian:12',
          'FROM busybox@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
          'FROM scratch',
          'FROM build',
          'FROM ${BASE}',
        ].join('\n'),
      ),
    ).toEqual([
      ['latestBase', 0, { image: 'ubuntu' }],
      ['untaggedBase', 1, { image: 'centos' }],
      ['untaggedBase', 2, { image: 'registry.example:5000/team/app' }],
    ]);
  });

  it('warns about apt-get update alone in a RUN, not when it installs in the same RUN', () => {
    const text = [
      'FROM debian:12',
      'RUN apt-get update',
      'RUN apt-get install -y curl',
      'RUN apt-get update && apt-get install -y git',
      'RUN apt-get -q update \\',
      '  && apt-get -y install vim',
      'RUN apt update',
    ].join('\n');
    expect(rules(text)).toEqual([
      ['aptUpdateAlone', 1, {}],
      ['aptUpdateAlone', 6, {}],
    ]);
  });

  it('marks every CMD but the last in a stage, naming the line of the one that counts', () => {
    const text = [
      'FROM busybox:1 AS a',
      'CMD ["one"]',
      'CMD ["two"]',
      'CMD ["three"]',
      'FROM busybox:1',
      'CMD ["only"]',
    ].join('\n');
    expect(rules(text)).toEqual([
      ['severalCmd', 1, { line: '4' }],
      ['severalCmd', 2, { line: '4' }],
    ]);
  });

  it('says MAINTAINER is deprecated, and a clean Dockerfile has no warnings', () => {
    expect(rules('FROM busybox:1\nMAINTAINER someone <a@b.c>\n')).toEqual([['maintainerDeprecated', 1, {}]]);
    expect(rules('FROM busybox:1\nLABEL maintainer="a@b.c"\nRUN echo hi\nCOPY . /app\nCMD ["sh"]\n')).toEqual([]);
  });

  it('survives text that is not a Dockerfile', () => {
    expect(() => lintDockerfile('\0\n\\\n"unterminated [\nFROM')).not.toThrow();
  });
});
