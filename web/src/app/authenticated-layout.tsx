import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { Navigate, Outlet, useLocation } from 'react-router'
import { Button } from '../components/ui/button'
import { ErrorMessage } from '../components/ui/error-message'
import { Loading } from '../components/ui/loading'
import { ApiError } from '../lib/api'
import { CurrentUserProvider, useMe } from '../lib/auth'
import { onReconnect, startRealtime, stopRealtime } from '../lib/realtime'
import { AppShell } from './app-shell'
import { ForcedPasswordChange } from './routes/forced-password-change'
import type { LoginState } from './use-end-session'

/** Everything behind the login: loads the user, applies their language, forces a password change when due. */
export function AuthenticatedLayout() {
  const { t, i18n } = useTranslation()
  const me = useMe()
  const location = useLocation()
  const language = me.data?.language

  useEffect(() => {
    if (language && i18n.resolvedLanguage !== language) void i18n.changeLanguage(language)
  }, [language, i18n])

  // no socket while a temporary password must be changed: the server refuses it
  const signedInId = me.data?.mustChangePassword ? undefined : me.data?.id
  useEffect(() => {
    if (signedInId === undefined) return
    startRealtime()
    return stopRealtime
  }, [signedInId])

  // the server closes the socket when the user's role or departments change: reload what they may do
  const refetchMe = me.refetch
  useEffect(() => onReconnect(() => void refetchMe()), [refetchMe])

  if (me.isPending) {
    return (
      <div className="center-screen">
        <Loading />
      </div>
    )
  }
  if (me.isError) {
    if (me.error instanceof ApiError && me.error.status === 401) {
      const state: LoginState = { from: location.pathname + location.search }
      return <Navigate to="/login" replace state={state} />
    }
    return (
      <div className="center-screen stack">
        <ErrorMessage error={me.error} />
        <Button onClick={() => void me.refetch()}>{t('common.retry')}</Button>
      </div>
    )
  }
  return (
    <CurrentUserProvider user={me.data}>
      {me.data.mustChangePassword ? (
        <ForcedPasswordChange />
      ) : (
        <AppShell>
          <Outlet />
        </AppShell>
      )}
    </CurrentUserProvider>
  )
}
