import { hasMessage, Lang, translate } from '../i18n';
import { ChannelProblem, channelName } from './channel-api';
import './messages';

const numberLocale = (lang: Lang) => (lang === 'id' ? 'id-ID' : 'en-GB');

/**
 * A channel problem in the person's language, from its code and params (`channels.problem.<code>`);
 * the English `reason` only when the code is one this build does not know yet.
 */
export function problemText(problem: ChannelProblem, lang: Lang): string {
  const key = problem.code ? `channels.problem.${problem.code}` : null;
  if (!key || !hasMessage(key)) return problem.reason;
  const vars: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(problem.params ?? {})) {
    vars[name] = name === 'channel' ? channelName(String(value)) : typeof value === 'number' ? value.toLocaleString(numberLocale(lang)) : value;
  }
  return translate(key, vars, lang);
}
