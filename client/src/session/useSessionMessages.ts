/** The session words in the current language. */
import { useLang } from '../i18n/useT.ts';
import { messages } from './messages.ts';

export const useSessionMessages = () => messages[useLang()];
