import { ErrorMessage } from '../../components/ui/error-message'
import { useDepartments } from '../../features/departments/api/departments'
import { HomePage } from '../../features/home/components/home-page'

export function HomeRoute() {
  const departments = useDepartments()
  return (
    <>
      <ErrorMessage error={departments.error} />
      <HomePage departments={departments.data} />
    </>
  )
}
