import { ApiTokensCard } from './api-tokens-card'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorMessage } from '../../../components/ui/error-message'
import { LanguageSelect } from '../../../components/ui/language-select'
import { Notice } from '../../../components/ui/notice'
import { PageHeader } from '../../../components/ui/page-header'
import { useCurrentUser } from '../../../lib/auth'
import { useChangeLanguage } from '../api/account'
import { ChangePasswordForm } from './change-password-form'

export function AccountPage({ onPasswordChanged }: { onPasswordChanged: () => void }) {
  const { t } = useTranslation()
  const me = useCurrentUser()
  const changeLanguage = useChangeLanguage()
  const [languageSaved, setLanguageSaved] = useState(false)

  return (
    <>
      <PageHeader title={t('account.title')} />
      <section className="card" aria-labelledby="account-profile">
        <h2 id="account-profile">{t('account.profile')}</h2>
        <dl className="summary">
          <dt>{t('account.name')}</dt>
          <dd>{me.displayName}</dd>
          <dt>{t('account.login')}</dt>
          <dd>{me.login}</dd>
          <dt>{t('account.email')}</dt>
          <dd>{me.email ?? <span className="muted">{t('account.noEmail')}</span>}</dd>
          <dt>{t('account.role')}</dt>
          <dd>{t(`roles.${me.role}`)}</dd>
        </dl>
      </section>
      <section className="card" aria-labelledby="account-language">
        <h2 id="account-language">{t('account.languageTitle')}</h2>
        <div className="form-narrow">
          <LanguageSelect
            label={t('account.languageLabel')}
            value={me.language}
            disabled={changeLanguage.isPending}
            onChange={(language) => {
              setLanguageSaved(false)
              changeLanguage.mutate({ language }, { onSuccess: () => setLanguageSaved(true) })
            }}
          />
        </div>
        {languageSaved && <Notice>{t('account.languageSaved')}</Notice>}
        <ErrorMessage error={changeLanguage.error} />
      </section>
      <section className="card" aria-labelledby="account-password">
        <h2 id="account-password">{t('account.changePassword')}</h2>
        <p className="muted">{t('password.endsSessions')}</p>
        <ChangePasswordForm onChanged={onPasswordChanged} />
      </section>
      {me.permissions.includes('api_tokens.manage') && <ApiTokensCard />}
    </>
  )
}
