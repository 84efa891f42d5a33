/** The button that switches the interface between French and English (labelled in the other language). */
import { useContext } from 'react';
import { useLang, useT } from '../i18n/useT.ts';
import { StoreContext } from '../store/StoreContext.ts';

export function LangToggle() {
  const t = useT();
  const lang = useLang();
  const store = useContext(StoreContext);
  const other = lang === 'fr' ? 'en' : 'fr';
  return (
    <button type="button" lang={other} onClick={() => store.getState().setLang(other)}>
      {t.lang}
    </button>
  );
}
