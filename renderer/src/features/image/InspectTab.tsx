import type { JsonObject } from '../../../../shared/contract/inspectModels';

/** `docker image inspect`, whole. */
export function InspectTab({ raw }: { raw: JsonObject }) {
  return (
    <pre className="mono code-block" tabIndex={0}>
      {JSON.stringify(raw, null, 2)}
    </pre>
  );
}
