import { LayersTab } from '../layers/LayersTab';
import { imageHash } from './imageRoute';

/**
 * The Layers tab: the layer explorer (features/layers). The route's layer
 * is 1-based, as History numbers them; LayersTab counts from 0.
 */
export function LayersSlot({ imageId, layer }: { imageId: string; layer?: number }) {
  return (
    <LayersTab
      imageId={imageId}
      {...(layer !== undefined && layer >= 1 ? { layer: layer - 1 } : {})}
      onSelectLayer={(n) => window.history.replaceState(null, '', imageHash(imageId, 'layers', n + 1))}
    />
  );
}
