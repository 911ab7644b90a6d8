import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, NavLink } from 'react-router'
import { Button } from '../components/ui/button'
import { DemoBanner } from '../components/ui/demo-banner'
import { ErrorMessage } from '../components/ui/error-message'
import { LanguageSelect } from '../components/ui/language-select'
import { useChangeLanguage } from '../features/account/api/account'
import { useInfo } from '../features/auth/api/info'
import { useLogout } from '../features/auth/api/session'
import { ConnectionAlerts } from '../features/connections/components/connection-alerts'
import { InboxAlerts, PendingRepliesBadge } from '../features/inbox/components/inbox-alerts'
import { hasPermission, useCurrentUser } from '../lib/auth'
import { SECTIONS } from './navigation'
import { useEndSession } from './use-end-session'

export function AppShell({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation()
  const me = useCurrentUser()
  const info = useInfo()
  const changeLanguage = useChangeLanguage()
  const logout = useLogout()
  const endSession = useEndSession()
  const sections = SECTIONS.filter((section) => section.permission === null || hasPermission(me, section.permission))

  return (
    <div className="shell">
      {info.data?.demo && <DemoBanner />}
      <header className="topbar">
        <Link to="/" className="brand">
          {t('app.name')}
        </Link>
        <div className="topbar-end">
          <div className="topbar-user" aria-label={t('shell.userMenu')} role="group">
            <span className="user-name" data-testid="current-user-name">
              {me.displayName}
            </span>
            <span className="user-role" data-testid="current-user-role">
              {t(`roles.${me.role}`)}
            </span>
          </div>
          <LanguageSelect
            compact
            testId="language-switcher"
            label={t('shell.languageLabel')}
            value={i18n.resolvedLanguage === 'en' ? 'en' : 'es'}
            disabled={changeLanguage.isPending}
            onChange={(language) => {
              void i18n.changeLanguage(language)
              changeLanguage.mutate({ language })
            }}
          />
          <Button
            disabled={logout.isPending}
            onClick={() => logout.mutate(undefined, { onSettled: () => void endSession() })}
          >
            {t('shell.logout')}
          </Button>
        </div>
      </header>
      <div className="shell-body">
        <nav aria-label={t('nav.label')} className="sidenav">
          <ul>
            {sections.map((section) => (
              <li key={section.path}>
                <NavLink to={section.path} end={section.path === '/'}>
                  {t(section.label)}
                  {section.path === '/inbox' && <PendingRepliesBadge />}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <main className="content">
          <ErrorMessage error={changeLanguage.error} />
          {children}
        </main>
        <InboxAlerts />
        <ConnectionAlerts />
      </div>
    </div>
  )
}
