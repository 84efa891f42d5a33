/** A shared scale's values as a select's options, in the reader's language (the words come from shared/scales). */
import { useLang } from '../../i18n/useT.ts';

export function ScaleOptions<Id extends string>({
  scale,
}: {
  scale: { ids: readonly Id[]; label: (id: Id, lang: 'fr' | 'en') => string };
}) {
  const lang = useLang();
  return scale.ids.map((id) => (
    <option key={id} value={id}>
      {scale.label(id, lang)}
    </option>
  ));
}
