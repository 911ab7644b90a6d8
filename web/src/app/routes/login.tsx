import { useTranslation } from 'react-i18next'
import { useLocation, useNavigate } from 'react-router'
import { LanguageSelect } from '../../components/ui/language-select'
import { LoginPage } from '../../features/auth/components/login-page'
import type { LoginState } from '../use-end-session'

/** Pages the server renders that send a signed-out visitor here (?next=) to come back once signed in. */
const SERVER_PAGES = ['/swagger-ui/index.html']

export function LoginRoute() {
  const { t, i18n } = useTranslation()
  const location = useLocation()
  const navigate = useNavigate()
  const state = (location.state ?? {}) as LoginState

  return (
    <LoginPage
      notice={state.notice ? t(`login.${state.notice}`) : undefined}
      languageSwitcher={
        <LanguageSelect
          compact
          testId="language-switcher"
          label={t('shell.languageLabel')}
          value={i18n.resolvedLanguage === 'en' ? 'en' : 'es'}
          onChange={(language) => void i18n.changeLanguage(language)}
        />
      }
      onLoggedIn={(me) => {
        void i18n.changeLanguage(me.language)
        const next = new URLSearchParams(location.search).get('next')
        if (next && SERVER_PAGES.includes(next)) {
          window.location.assign(next)
          return
        }
        void navigate(state.from && state.from !== '/login' ? state.from : '/', { replace: true })
      }}
    />
  )
}
