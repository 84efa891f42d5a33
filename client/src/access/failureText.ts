/** A failed request in words for people: the page's own sentence for a code when it has one, else the common one. */
import type { ErrorCode } from '@vigie/shared';
import { format } from '../i18n/messages.ts';
import type { Lang } from '../store/vigieStore.ts';
import type { ApiFailure } from './api.ts';
import { messages } from './messages.ts';

export function failureText(
  failure: ApiFailure,
  lang: Lang,
  specific: Partial<Record<ErrorCode, string>> = {},
): string {
  const m = messages[lang];
  const { code } = failure.error;
  if (code === 'rate_limited' && failure.retryAfterS !== null) {
    return format(m.retryIn, { seconds: String(failure.retryAfterS) });
  }
  return specific[code] ?? m.errors[code];
}
