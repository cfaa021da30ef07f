import { formatRupiah } from '../format';
import { hasMessage, Lang, translate } from '../i18n';
import { ChannelProblem, channelName } from './channel-api';
import './messages';

const numberLocale = (lang: Lang) => (lang === 'id' ? 'id-ID' : 'en-GB');
// Prices, and the bounds of a price rule, read as rupiah in either language (Rp 100.000.000).
const isMoney = (code: string, name: string) => name === 'price' || (code.includes('price') && (name === 'min' || name === 'max'));

/** A problem's params as its text shows them: channel names, rupiah, numbers the person's way. */
export function problemVars(code: string, params: Record<string, string | number>, lang: Lang): Record<string, string | number> {
  const vars: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) {
    if (name === 'channel') vars[name] = channelName(String(value));
    else if (isMoney(code, name) && /^\d+$/.test(String(value))) vars[name] = formatRupiah(String(value));
    else vars[name] = typeof value === 'number' ? value.toLocaleString(numberLocale(lang)) : value;
  }
  return vars;
}

/**
 * A channel problem in the person's language, from its code and params (`channels.problem.<code>`);
 * the English `reason` only when the code is one this build does not know yet.
 */
export function problemText(problem: ChannelProblem, lang: Lang): string {
  const key = problem.code ? `channels.problem.${problem.code}` : null;
  if (!key || !hasMessage(key)) return problem.reason;
  return translate(key, problemVars(problem.code!, problem.params ?? {}, lang), lang);
}
