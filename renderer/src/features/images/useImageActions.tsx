import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ToolbarItem } from '../../ui/Toolbar';
import type { ImageActionContext } from './imageAction';
import type { ImageRow } from '../../../../shared/images/rows';
import { useSelection } from './selection';
import { useTablePrefs } from '../../stores/tablePrefs';
import { imageActions } from './toolbarActions';

/**
 * Turns the images toolbar's entries into toolbar items for the current
 * selection, and holds what they open: the dialog on show, and one hidden
 * file input per entry that asks for files.
 */
export function useImageActions(
  selected: readonly ImageRow[],
  references: string[],
  details: ImageActionContext['details'],
) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<ReactNode>(null);
  const fileInputs = useRef(new Map<string, HTMLInputElement>());
  const show: ImageActionContext['show'] = useCallback((render) => setDialog(render(() => setDialog(null))), []);
  const { shown, set } = details;
  // Built again only when the selection, the details toggle or the language change:
  // not on a filter keystroke (the toolbar then keeps its elements as they are).
  const ctx: ImageActionContext = useMemo(
    () => ({
      t,
      selected,
      references,
      show,
      details: { shown, set },
      clearSelection: () => useSelection.getState().clear(),
    }),
    [t, selected, references, show, shown, set],
  );
  // Toggles that read a store themselves (pressed: getState()) need its value among the deps.
  const groupByImage = useTablePrefs((s) => s.groupByImage);
  const items: ToolbarItem[] = useMemo(
    () =>
      imageActions.map((a) => ({
        id: a.id,
        group: a.group,
        label: a.label(ctx),
        ...(a.ariaLabel ? { ariaLabel: a.ariaLabel(ctx) } : {}),
        icon: a.icon,
        disabled: a.enabled ? !a.enabled(ctx) : false,
        ...(a.pressed ? { pressed: a.pressed(ctx) } : {}),
        ...(a.files
          ? { onSelect: () => fileInputs.current.get(a.id)?.click() }
          : a.run
            ? { onSelect: () => a.run?.(ctx) }
            : {}),
        ...(a.render ? { render: () => a.render?.(ctx) } : {}),
      })),
    // groupByImage is read by the toggle's pressed() through getState(), not through ctx.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [ctx, groupByImage],
  );
  const elements = (
    <>
      {imageActions.map((a) =>
        a.files ? (
          <input
            key={a.id}
            ref={(el) => {
              if (el) fileInputs.current.set(a.id, el);
              else fileInputs.current.delete(a.id);
            }}
            type="file"
            hidden
            multiple={a.files.multiple}
            accept={a.files.accept}
            aria-label={a.ariaLabel?.(ctx) ?? a.label(ctx)}
            onChange={(e) => {
              const files = Array.from(e.target.files ?? []);
              e.target.value = '';
              if (files.length) a.files?.picked(ctx, files);
            }}
          />
        ) : null,
      )}
      {dialog}
    </>
  );
  return { items, elements, show };
}
