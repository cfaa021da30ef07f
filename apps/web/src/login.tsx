import { FormEvent, useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { ApiError, login, register } from './api';
import { useI18n } from './i18n';
import { Button } from './ui/button';
import { TextField } from './ui/fields';
import { Page } from './ui/layout';
import { ErrorState } from './ui/status';

/** Only same-site paths, so ?next= cannot send a buyer elsewhere. */
function nextPath(search: string): string {
  const next = new URLSearchParams(search).get('next') ?? '/';
  return next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

export function LoginPage({ mode }: { mode: 'login' | 'register' }) {
  const { t } = useI18n();
  const search = useSearch();
  const [, navigate] = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (mode === 'login') await login(email, password);
      else await register(email, password, displayName);
      navigate(nextPath(search), { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const field = (name: string) =>
    error instanceof ApiError && error.message.toLowerCase().includes(name) ? error.message : null;
  const title = mode === 'login' ? t('auth.title') : t('auth.registerTitle');
  return (
    <Page title={title}>
      <h1>{title}</h1>
      <form className="form narrow" onSubmit={submit} noValidate>
        {mode === 'register' && (
          <TextField label={t('auth.displayName')} name="displayName" autoComplete="name" required value={displayName}
            onChange={(e) => setDisplayName(e.target.value)} error={field('displayname')} />
        )}
        <TextField label={t('auth.email')} name="email" type="email" autoComplete="email" required value={email}
          onChange={(e) => setEmail(e.target.value)} error={field('email')} />
        <TextField label={t('auth.password')} name="password" type="password" required value={password}
          autoComplete={mode === 'login' ? 'current-password' : 'new-password'}
          onChange={(e) => setPassword(e.target.value)} error={field('password')} />
        {error !== null && !field('email') && !field('password') && !field('displayname') && <ErrorState error={error} />}
        <Button type="submit" busy={busy}>{mode === 'login' ? t('auth.submit') : t('auth.registerSubmit')}</Button>
      </form>
      <p>
        {mode === 'login' ? (
          <>{t('auth.noAccount')} <Link href={`/register${search ? `?${search}` : ''}`}>{t('nav.register')}</Link></>
        ) : (
          <>{t('auth.haveAccount')} <Link href={`/login${search ? `?${search}` : ''}`}>{t('nav.login')}</Link></>
        )}
      </p>
    </Page>
  );
}
