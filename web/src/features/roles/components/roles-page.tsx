import { useTranslation } from 'react-i18next'
import { ErrorMessage } from '../../../components/ui/error-message'
import { Loading } from '../../../components/ui/loading'
import { Notice } from '../../../components/ui/notice'
import { PageHeader } from '../../../components/ui/page-header'
import { useRoles, useSaveRolePermissions } from '../api/roles'
import { RolesMatrix } from './roles-matrix'

export function RolesPage() {
  const { t } = useTranslation()
  const roles = useRoles()
  const save = useSaveRolePermissions()
  return (
    <>
      <PageHeader title={t('rolesPage.title')} description={t('rolesPage.intro')} />
      {roles.isPending && <Loading />}
      <ErrorMessage error={roles.error ?? save.error} />
      <Notice>{save.isSuccess && t('rolesPage.saved')}</Notice>
      {roles.data && (
        // Keyed by the server's state: once saved and reloaded, the draft starts again from it.
        <RolesMatrix
          key={JSON.stringify(roles.data.roles)}
          data={roles.data}
          saving={save.isPending}
          onEdit={() => save.reset()}
          onSave={(changes) => save.mutate(changes)}
        />
      )}
    </>
  )
}
