import { useTranslation } from 'react-i18next';

/**
 * Where the layer explorer (features/layers) goes. Until it is wired in, it
 * says so, and names the layer a History link asked for.
 */
export function LayersSlot({ layer }: { imageId: string; layer?: number }) {
  const { t } = useTranslation();
  return (
    <div className="layers-slot">
      <p>{t('image.layersPending')}</p>
      {layer !== undefined ? <p>{t('image.layersRequested', { n: layer })}</p> : null}
    </div>
  );
}
