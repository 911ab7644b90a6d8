import { ConnectionsPage } from '../../features/connections/components/connections-page'
import { hasPermission, useCurrentUser } from '../../lib/auth'

export function ConnectionsRoute() {
  const me = useCurrentUser()
  // connections.view (checked by the route guard) shows the list; connections.manage also changes it.
  return (
    <ConnectionsPage
      canManage={hasPermission(me, 'connections.manage')}
      canReconnect={hasPermission(me, 'connections.reconnect')}
    />
  )
}
