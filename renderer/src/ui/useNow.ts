import { useEffect, useState } from 'react';

/** The current time, refreshed every `intervalMs`, so "3 minutes ago" stays true without re-rendering per cell. */
export const useNow = (intervalMs = 60_000): number => {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
};
