import { useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { useCurrentUser } from '../../../lib/auth'
import { alertUser } from '../../../lib/notifications'
import { queryKeys } from '../../../lib/query-keys'
import { onConnectionEvent } from '../../../lib/realtime'

/** Numbers this browser alerted about, so their recovery is announced too. */
const alerted = new Set<number>()

/**
 * A QR-linked number's link changing: the connections list refreshes, and when the server marks
 * the change as an alert (a working number dropped; throttled for flapping numbers) the user hears
 * about it, then again when it is back. Mounted once for users the server pushes these to
 * (administrators, and supervisors of the number's department).
 */
export function ConnectionAlerts() {
  const { t } = useTranslation()
  const me = useCurrentUser()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  useEffect(
    () =>
      onConnectionEvent((event) => {
        void queryClient.invalidateQueries({ queryKey: queryKeys.connections })
        const open = () => void navigate('/connections')
        const state = t(`connections.linkStates.${event.state}`)
        if (event.alert) {
          alerted.add(event.connectionId)
          const body = event.state === 'LOGGED_OUT'
            ? t('connections.alertLoggedOutBody', { name: event.name })
            : t('connections.alertDownBody', { name: event.name, state })
          alertUser(me.id, { title: t('connections.alertDownTitle'), body, href: '/connections' }, open)
        } else if (event.state === 'CONNECTED' && alerted.delete(event.connectionId)) {
          alertUser(me.id, { title: event.name, body: t('connections.alertUpBody', { name: event.name }), href: '/connections' }, open)
        }
      }),
    [me.id, navigate, queryClient, t],
  )
  return null
}
