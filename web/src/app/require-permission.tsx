import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { hasPermission, useCurrentUser } from '../lib/auth'

/** Hides a section from users without the permission (the server is the real control). */
export function RequirePermission({ permission, children }: { permission: string | null; children: ReactNode }) {
  const { t } = useTranslation()
  const me = useCurrentUser()
  if (permission === null || hasPermission(me, permission)) return children
  return (
    <section className="card message-card" aria-labelledby="not-allowed-title">
      <h1 id="not-allowed-title">{t('app.notAllowedTitle')}</h1>
      <p role="alert">{t('app.notAllowedText')}</p>
      <Link to="/">{t('app.backHome')}</Link>
    </section>
  )
}
