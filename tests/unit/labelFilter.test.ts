import { describe, expect, it } from 'vitest';
import { imageMethods } from '../../shared/contract/methods/images';
import { labelFilterProblem } from '../../shared/contract/labelFilter';

describe('label filter terms (docker image prune --filter label=…)', () => {
  it('accepts KEY and KEY=VALUE, and a value holding "=" or ":"', () => {
    for (const ok of ['team', 'com.example.team=web', 'a=b=c', 'url=http://x', 'empty=']) {
      expect(labelFilterProblem(ok), ok).toBeUndefined();
    }
  });

  it('names what is wrong with a mistyped term', () => {
    expect(labelFilterProblem('=web')).toBe('emptyKey');
    expect(labelFilterProblem('label=team')).toBe('cliSyntax');
    expect(labelFilterProblem('--filter')).toBe('cliSyntax');
    expect(labelFilterProblem('team:web')).toBe('colon');
    expect(labelFilterProblem('"team=web"')).toBe('quotes');
    expect(labelFilterProblem('team\u0000')).toBe('whitespace');
  });

  it('the contract refuses a malformed term before it reaches the engine', () => {
    const args = imageMethods['images.planPrune'].args;
    expect(args.safeParse({ labels: ['team=web'] }).success).toBe(true);
    expect(args.safeParse({ labels: ['=web'] }).success).toBe(false);
  });
});
