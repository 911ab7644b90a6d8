import { DepartmentsPage } from '../../features/departments/components/departments-page'
import { useUsers } from '../../features/users/api/users'
import { hasPermission, useCurrentUser } from '../../lib/auth'

export function DepartmentsRoute() {
  const me = useCurrentUser()
  // Members are picked from the user list, which needs users.manage.
  const canListUsers = hasPermission(me, 'users.manage')
  const users = useUsers({ active: 'true' }, { enabled: canListUsers })
  return <DepartmentsPage memberCandidates={canListUsers ? { users: users.data, error: users.error } : null} />
}
