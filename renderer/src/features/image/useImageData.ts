import { useEffect, useState } from 'react';
import type { ApiErrorData } from '../../../../shared/contract/errors';
import type { ImageDetails } from '../../../../shared/contract/imageModels';
import type { JsonObject } from '../../../../shared/contract/inspectModels';
import { toErrorData } from '../../api/errorData';
import { api } from '../../api/instance';

export interface ImageData {
  raw: JsonObject | null;
  details: ImageDetails | null;
  error: ApiErrorData | null;
}

/** The whole inspect document and the trimmed details (with containers) of one image. */
export const useImageData = (reference: string): ImageData => {
  const [data, setData] = useState<ImageData>({ raw: null, details: null, error: null });
  useEffect(() => {
    let live = true;
    setData({ raw: null, details: null, error: null });
    Promise.all([api().call('inspect.raw', { reference }), api().call('images.inspect', { reference })])
      .then(([raw, details]) => live && setData({ raw, details, error: null }))
      .catch((err: unknown) => live && setData({ raw: null, details: null, error: toErrorData(err) }));
    return () => {
      live = false;
    };
  }, [reference]);
  return data;
};
