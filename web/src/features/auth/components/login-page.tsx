import { useState, type FormEvent, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/ui/button'
import { DemoBanner } from '../../../components/ui/demo-banner'
import { ErrorMessage, fieldError } from '../../../components/ui/error-message'
import { TextField } from '../../../components/ui/field'
import { Notice } from '../../../components/ui/notice'
import type { MeResponse } from '../../../types/api'
import { useInfo } from '../api/info'
import { useLogin } from '../api/session'
import { DemoAccounts } from './demo-accounts'

interface LoginPageProps {
  notice?: string
  languageSwitcher: ReactNode
  onLoggedIn: (me: MeResponse) => void
}

export function LoginPage({ notice, languageSwitcher, onLoggedIn }: LoginPageProps) {
  const { t } = useTranslation()
  const info = useInfo()
  const login = useLogin()
  const [credentials, setCredentials] = useState({ login: '', password: '' })

  const submit = (event: FormEvent) => {
    event.preventDefault()
    login.mutate(credentials, { onSuccess: onLoggedIn })
  }

  const demo = info.data?.demo === true
  return (
    <div className="login-screen">
      {demo && <DemoBanner />}
      <main className="login-main">
        <div className="login-card">
          <div className="login-top">
            <p className="brand brand-large">{t('app.name')}</p>
            {languageSwitcher}
          </div>
          <p className="muted">{t('app.tagline')}</p>
          <h1>{t('login.title')}</h1>
          <p className="muted">{t('login.subtitle')}</p>
          {notice && <Notice tone="info">{notice}</Notice>}
          <form noValidate onSubmit={submit} className="stack">
            <TextField
              label={t('login.login')}
              name="username"
              autoComplete="username"
              value={credentials.login}
              error={fieldError(login.error, 'login')}
              onChange={(value) => setCredentials({ ...credentials, login: value })}
            />
            <TextField
              label={t('login.password')}
              name="password"
              type="password"
              autoComplete="current-password"
              value={credentials.password}
              error={fieldError(login.error, 'password')}
              onChange={(value) => setCredentials({ ...credentials, password: value })}
            />
            <ErrorMessage error={login.error} fieldsShown={['login', 'password']} />
            <Button type="submit" variant="primary" disabled={login.isPending}>
              {login.isPending ? t('login.submitting') : t('login.submit')}
            </Button>
          </form>
        </div>
        {demo && info.data && info.data.demoAccounts.length > 0 && (
          <DemoAccounts
            accounts={info.data.demoAccounts}
            onPick={(account) => setCredentials({ login: account.login, password: account.password })}
          />
        )}
      </main>
    </div>
  )
}
