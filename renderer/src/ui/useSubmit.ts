import { useCallback, useState } from 'react';
import type { ApiErrorData } from '../../../shared/contract/errors';
import { toErrorData } from '../api/errorData';

/**
 * A dialog's one request: busy while it runs, its failure kept for
 * ErrorMessage, cleared when tried again.
 */
export const useSubmit = () => {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiErrorData | null>(null);
  const submit = useCallback(async (request: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await request();
    } catch (err) {
      setError(toErrorData(err));
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, submit };
};
