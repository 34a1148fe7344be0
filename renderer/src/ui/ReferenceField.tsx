import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { parseReference, type ReferenceProblem } from '../../../shared/contract/reference';

/**
 * Why a typed image reference (`name[:tag]`, no digest) is not valid by
 * Docker's grammar, or null. An empty field is the problem `empty` when the
 * reference is required, else fine.
 */
export const referenceProblem = (value: string, required: boolean): ReferenceProblem | null => {
  const trimmed = value.trim();
  if (!trimmed) return required ? 'empty' : null;
  const parsed = parseReference(trimmed);
  return parsed.ok ? null : parsed.problem;
};

/**
 * A repository:tag field checked against Docker's reference grammar as it
 * is typed, the reason under it (the hint while it is fine or still
 * empty). Used by the Tag and Commit dialogs.
 */
export function ReferenceField({
  label,
  hint,
  value,
  onChange,
  required,
  placeholder,
  autoFocus = false,
}: {
  label: string;
  hint: string;
  value: string;
  onChange(value: string): void;
  required: boolean;
  placeholder: string;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  const inputId = useId();
  const hintId = useId();
  const problem = referenceProblem(value, required);
  // An empty required field is not an error until submitted: the disabled button says enough.
  const shown = problem !== null && problem !== 'empty' ? problem : null;
  return (
    <div className="field">
      <label htmlFor={inputId}>{label}</label>
      <input
        id={inputId}
        autoFocus={autoFocus}
        value={value}
        spellCheck={false}
        autoCapitalize="off"
        translate="no"
        placeholder={placeholder}
        aria-invalid={shown !== null}
        aria-describedby={hintId}
        onChange={(e) => onChange(e.target.value)}
      />
      <small id={hintId} className={shown ? 'field-error' : undefined} role={shown ? 'alert' : undefined}>
        {shown ? t(`images.tagDialog.problem.${shown}`) : hint}
      </small>
    </div>
  );
}
