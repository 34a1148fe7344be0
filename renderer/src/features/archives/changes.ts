import '../../zodConfig';
import { ChangeLine, CHANGE_INSTRUCTIONS } from '../../../../shared/contract/methods/archives';

export const changeInstructionList = CHANGE_INSTRUCTIONS.join(', ');

/** The text area's lines, empty ones dropped, and the first that the contract would refuse. */
export const checkChanges = (text: string): { lines: string[]; invalid?: { line: number; text: string } } => {
  const numbered = text
    .split('\n')
    .map((raw, i) => ({ line: i + 1, text: raw.trim() }))
    .filter((l) => l.text !== '');
  const bad = numbered.find((l) => !ChangeLine.safeParse(l.text).success);
  return { lines: numbered.map((l) => l.text), ...(bad ? { invalid: bad } : {}) };
};
