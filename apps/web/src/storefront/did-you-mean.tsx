import { Link } from 'wouter';
import { useI18n } from '../i18n';

/** "Mungkin maksud Anda: <the corrected words>", the link running that search. */
export function DidYouMean({ suggestion, href }: { suggestion: string; href: string }) {
  const { t } = useI18n();
  return (
    <p className="did-you-mean" data-testid="did-you-mean">
      {t('store.search.didYouMean')} <Link href={href}>{suggestion}</Link>
    </p>
  );
}
