import { ErrorMessage } from '../../components/ui/error-message'
import { useDepartments } from '../../features/departments/api/departments'
import { UsersPage } from '../../features/users/components/users-page'

export function UsersRoute() {
  const departments = useDepartments()
  return (
    <>
      <ErrorMessage error={departments.error} />
      <UsersPage departments={departments.data ?? []} />
    </>
  )
}
