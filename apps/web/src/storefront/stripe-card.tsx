import { FormEvent, useMemo, useState } from 'react';
import { Elements, PaymentElement, useElements, useStripe } from '@stripe/react-stripe-js';
import { loadStripe } from '@stripe/stripe-js';
import { currentLang, useI18n } from '../i18n';
import { Button } from '../ui/button';

// Stripe Elements: the card never touches our servers; the webhook marks the order paid.
export default function StripeCardForm({ publishableKey, clientSecret, onPaid }: { publishableKey: string; clientSecret: string; onPaid: () => void }) {
  const stripe = useMemo(() => loadStripe(publishableKey, { locale: currentLang() === 'en' ? 'en' : 'id' }), [publishableKey]);
  return (
    <Elements stripe={stripe} options={{ clientSecret }}>
      <CardForm onPaid={onPaid} />
    </Elements>
  );
}

function CardForm({ onPaid }: { onPaid: () => void }) {
  const { t } = useI18n();
  const stripe = useStripe();
  const elements = useElements();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!stripe || !elements) return;
    setBusy(true);
    setError(null);
    const result = await stripe.confirmPayment({ elements, redirect: 'if_required', confirmParams: { return_url: window.location.href } });
    setBusy(false);
    if (result.error) setError(result.error.message ?? t('store.pay.cardFailed'));
    else onPaid();
  };
  return (
    <form onSubmit={submit} className="form">
      <PaymentElement />
      {error && <p role="alert" className="field-error">{error}</p>}
      <Button type="submit" busy={busy} disabled={!stripe}>{t('store.pay.payNow')}</Button>
    </form>
  );
}
