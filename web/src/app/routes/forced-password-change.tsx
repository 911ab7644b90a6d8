import { useTranslation } from 'react-i18next'
import { Button } from '../../components/ui/button'
import { DemoBanner } from '../../components/ui/demo-banner'
import { LanguageSelect } from '../../components/ui/language-select'
import { ChangePasswordForm } from '../../features/account/components/change-password-form'
import { useInfo } from '../../features/auth/api/info'
import { useLogout } from '../../features/auth/api/session'
import { useCurrentUser } from '../../lib/auth'
import { useEndSession } from '../use-end-session'

/** Shown instead of the app while the user's password is temporary. */
export function ForcedPasswordChange() {
  const { t, i18n } = useTranslation()
  const me = useCurrentUser()
  const info = useInfo()
  const logout = useLogout()
  const endSession = useEndSession()

  return (
    <div className="login-screen">
      {info.data?.demo && <DemoBanner />}
      <main className="login-main">
        <div className="login-card">
          <div className="login-top">
            <p className="brand brand-large">{t('app.name')}</p>
            {/* Only the UI language: the server refuses other calls until the password is changed. */}
            <LanguageSelect
              compact
              testId="language-switcher"
              label={t('shell.languageLabel')}
              value={i18n.resolvedLanguage === 'en' ? 'en' : 'es'}
              onChange={(language) => void i18n.changeLanguage(language)}
            />
          </div>
          <h1>{t('password.forcedTitle')}</h1>
          <p className="muted">{t('password.forcedText')}</p>
          <p>
            <strong>{me.displayName}</strong> <span className="muted">({me.login})</span>
          </p>
          <ChangePasswordForm onChanged={() => void endSession('passwordChanged')} />
          <div className="form-actions">
            <Button
              variant="ghost"
              disabled={logout.isPending}
              onClick={() => logout.mutate(undefined, { onSettled: () => void endSession() })}
            >
              {t('shell.logout')}
            </Button>
          </div>
        </div>
      </main>
    </div>
  )
}
