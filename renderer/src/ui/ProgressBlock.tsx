/** A labelled progress bar with a line of text under it; indeterminate while `max` is unknown. */
export function ProgressBlock({
  label,
  value,
  max,
  text,
}: {
  label: string;
  value?: number;
  max?: number;
  text: string;
}) {
  const determinate = value !== undefined && max !== undefined && max > 0;
  return (
    <div className="progress">
      <progress aria-label={label} max={determinate ? max : undefined} value={determinate ? value : undefined} />
      <div className="progress-text" aria-live="polite">
        {text}
      </div>
    </div>
  );
}
