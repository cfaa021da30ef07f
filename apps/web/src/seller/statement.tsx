import { useState } from 'react';
import { api } from '../api';
import { formatDateTime, formatRupiah } from '../format';
import { useI18n } from '../i18n';
import { Button } from '../ui/button';
import { LoadState, SellerPage, StatusBadge } from './layout';
import { Statement, useLoad } from './seller-api';

const PAGE = 20;

/** A signed amount as "−Rp 15.000" for what goes out (commission, payouts). */
const signed = (amount: string) => (amount.startsWith('-') ? `−${formatRupiah(amount.slice(1))}` : formatRupiah(amount));

/**
 * The payout statement: what the shop is owed, pending until a shipment completes and available
 * for the council's next bank transfer batch, and every ledger entry behind it.
 */
export function StatementPage() {
  const { t, lang } = useI18n();
  const [offset, setOffset] = useState(0);
  const statement = useLoad((signal) => api<Statement>('/payouts/statement', { signal, query: { limit: PAGE, offset } }), [offset]);
  return (
    <SellerPage title={t('seller.statement.title')}>
      <LoadState state={statement}>
        {(s) => {
          const total = BigInt(s.balances.pending) + BigInt(s.balances.available);
          return (
            <>
              <dl className="seller-balances" aria-label={t('seller.statement.balances')}>
                <div className="card"><dt>{t('seller.statement.pending')}</dt><dd data-testid="balance-pending">{formatRupiah(s.balances.pending)}</dd></div>
                <div className="card"><dt>{t('seller.statement.available')}</dt><dd data-testid="balance-available">{formatRupiah(s.balances.available)}</dd></div>
                <div className="card"><dt>{t('seller.statement.total')}</dt><dd data-testid="balance-total">{formatRupiah(total)}</dd></div>
              </dl>
              <p className="muted small">{t('seller.statement.explain')}</p>
              {s.items.length === 0 ? (
                <p className="state state-empty">{t('seller.statement.empty')}</p>
              ) : (
                <div className="seller-scroll" role="region" aria-label={t('seller.statement.entries')} tabIndex={0}>
                  <table className="table seller-table">
                    <caption className="visually-hidden">{t('seller.statement.entries')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('seller.statement.date')}</th>
                        <th scope="col">{t('seller.statement.kind')}</th>
                        <th scope="col">{t('seller.statement.memo')}</th>
                        <th scope="col" className="seller-num">{t('seller.statement.amount')}</th>
                        <th scope="col">{t('seller.statement.state')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {s.items.map((e) => (
                        <tr key={e.id}>
                          <td data-label={t('seller.statement.date')}>{formatDateTime(e.createdAt, lang)}</td>
                          <td data-label={t('seller.statement.kind')}>{t(`seller.entry.${e.kind}`)}</td>
                          <td data-label={t('seller.statement.memo')}>{e.memo ?? '–'}</td>
                          <td className="seller-num" data-label={t('seller.statement.amount')}>{signed(e.amount)}</td>
                          <td data-label={t('seller.statement.state')}><StatusBadge kind="entry" status={e.state} /></td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              {s.total > PAGE && (
                <div className="row pager">
                  <Button variant="secondary" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>{t('seller.page.prev')}</Button>
                  <span>{t('seller.page.of', { from: offset + 1, to: Math.min(offset + PAGE, s.total), total: s.total })}</span>
                  <Button variant="secondary" disabled={offset + PAGE >= s.total} onClick={() => setOffset(offset + PAGE)}>{t('seller.page.next')}</Button>
                </div>
              )}
            </>
          );
        }}
      </LoadState>
    </SellerPage>
  );
}
