/** The current language and its messages. */
import { useStoreSelector } from '../hooks/useStoreSelector.ts';
import { selectLang } from '../store/selectors.ts';
import { messages } from './messages.ts';

export const useLang = () => useStoreSelector(selectLang);

export const useT = () => messages[useLang()];
