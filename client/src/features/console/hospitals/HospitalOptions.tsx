/** The hospitals a person covers as a select's options, grouped by GHU (those outside any GHU last). */
import type { Hospital, Registry } from '@vigie/shared';
import { useLang } from '../../../i18n/useT.ts';
import { byGhu } from './coveredHospitals.ts';
import { messages } from './messages.ts';

export function HospitalOptions({ registry, hospitals }: { registry: Registry; hospitals: readonly Hospital[] }) {
  const m = messages[useLang()];
  return byGhu(registry, hospitals).map(({ ghu, hospitals: inGhu }) => (
    <optgroup key={ghu?.id ?? ''} label={ghu?.label ?? m.outsideGhu}>
      {inGhu.map((h) => (
        <option key={h.id} value={h.id}>
          {h.name}
        </option>
      ))}
    </optgroup>
  ));
}
