/**
 * An absolute path on the main side's file system. Which form counts
 * depends on the main side's platform: `C:\x.tar` and `\\srv\x.tar` are
 * absolute on Windows but relative names on Linux (they would land in the
 * working directory), so the refinement asks the platform the contract is
 * checked on.
 */
export const isAbsolutePathOn = (p: string, platform: string): boolean =>
  platform === 'win32' ? /^[A-Za-z]:[\\/]/.test(p) || /^\\\\[^\\]+\\[^\\]+/.test(p) : p.startsWith('/');
