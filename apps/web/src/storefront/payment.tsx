import { lazy, Suspense } from 'react';
import { formatDateTime, formatRupiah } from '../format';
import { useI18n } from '../i18n';
import { Loading } from '../ui/status';
import type { PaymentInstructions } from './types';

// Stripe's code loads only when a card payment is on screen.
const StripeCardForm = lazy(() => import('./stripe-card'));

/** How to pay an open payment: bank transfer details, or the card form (Stripe Elements). */
export function PaymentInstructionsView({ instructions, onPaid }: { instructions: PaymentInstructions; onPaid: () => void }) {
  const { t, lang } = useI18n();
  if (instructions.kind === 'bank_transfer') {
    return (
      <section className="card card-body pay-box" aria-labelledby="pay-title" data-testid="bank-transfer">
        <h2 id="pay-title">{t('store.pay.transferTitle')}</h2>
        <p>{t('store.pay.transferIntro')}</p>
        <dl className="totals">
          <dt>{t('store.pay.bank')}</dt><dd>{instructions.bank}</dd>
          <dt>{t('store.pay.va')}</dt><dd><strong className="mono" data-testid="virtual-account">{instructions.virtualAccount}</strong></dd>
          <dt>{t('store.pay.amount')}</dt><dd><strong data-testid="transfer-amount">{formatRupiah(instructions.amount)}</strong></dd>
          <dt>{t('store.pay.before')}</dt><dd>{formatDateTime(instructions.expiresAt, lang)}</dd>
        </dl>
        <button type="button" className="btn btn-secondary" onClick={() => void navigator.clipboard?.writeText(instructions.virtualAccount)}>
          {t('store.pay.copy')}
        </button>
        <p className="muted small">{t('store.pay.transferNote')}</p>
      </section>
    );
  }
  if (!instructions.publishableKey) return <p role="alert">{t('store.pay.cardUnavailable')}</p>;
  return (
    <section className="card card-body pay-box" aria-labelledby="pay-title">
      <h2 id="pay-title">{t('store.pay.cardTitle')}</h2>
      <Suspense fallback={<Loading />}>
        <StripeCardForm publishableKey={instructions.publishableKey} clientSecret={instructions.clientSecret} onPaid={onPaid} />
      </Suspense>
    </section>
  );
}
