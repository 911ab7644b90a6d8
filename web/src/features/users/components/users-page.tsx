import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { usePageDialogs } from '../../../lib/use-page-dialogs'
import { Badge } from '../../../components/ui/badge'
import { Button } from '../../../components/ui/button'
import { SetActiveDialog } from '../../../components/ui/set-active-dialog'
import { ErrorMessage } from '../../../components/ui/error-message'
import { SelectField, TextField } from '../../../components/ui/field'
import { Notice } from '../../../components/ui/notice'
import { PageHeader } from '../../../components/ui/page-header'
import { Table, TableMessageRow } from '../../../components/ui/table'
import { useCurrentUser } from '../../../lib/auth'
import { formatDateTime } from '../../../lib/format'
import { useDebouncedValue } from '../../../lib/use-debounced-value'
import type { DepartmentResponse, UserResponse } from '../../../types/api'
import type { Role } from '../../../types/domain'
import { useSetUserActive, useUsers, type UserFilters } from '../api/users'
import { ResetPasswordDialog } from './reset-password-dialog'
import { UserFormDialog } from './user-form-dialog'

const ALL_ROLES: readonly Role[] = ['ADMINISTRATOR', 'SUPERVISOR', 'AGENT']
const COLUMNS = 7

type Open =
  | { kind: 'create' }
  | { kind: 'edit'; user: UserResponse }
  | { kind: 'toggle'; user: UserResponse }
  | { kind: 'reset'; user: UserResponse }
  | null

export function UsersPage({ departments }: { departments: DepartmentResponse[] }) {
  const { t, i18n } = useTranslation()
  const me = useCurrentUser()
  const [search, setSearch] = useState('')
  const [role, setRole] = useState<UserFilters['role']>('')
  const [active, setActive] = useState<UserFilters['active']>('')
  const q = useDebouncedValue(search.trim())
  const users = useUsers({ q, role, active })
  const setUserActive = useSetUserActive()
  const { open, notice, show, close, done } = usePageDialogs<Open>(() => setUserActive.reset())

  // Supervisors manage only agents (the server enforces it; the form just does not offer more).
  const manageableRoles = me.role === 'ADMINISTRATOR' ? ALL_ROLES : (['AGENT'] as const)
  const departmentName = new Map(departments.map((department) => [department.id, department.name]))

  return (
    <>
      <PageHeader
        title={t('users.title')}
        actions={
          <Button variant="primary" onClick={() => show({ kind: 'create' })}>
            {t('users.new')}
          </Button>
        }
      />
      <div role="search" className="filters" aria-label={t('users.filters')}>
        <TextField label={t('users.search')} type="search" value={search} onChange={setSearch} />
        <SelectField
          label={t('users.roleFilter')}
          value={role}
          options={[
            { value: '', label: t('users.allRoles') },
            ...ALL_ROLES.map((value) => ({ value, label: t(`roles.${value}`) })),
          ]}
          onChange={(value) => setRole(value as UserFilters['role'])}
        />
        <SelectField
          label={t('users.statusFilter')}
          value={active}
          options={[
            { value: '', label: t('users.statusAll') },
            { value: 'true', label: t('users.statusActive') },
            { value: 'false', label: t('users.statusInactive') },
          ]}
          onChange={(value) => setActive(value as UserFilters['active'])}
        />
      </div>
      <Notice>{notice}</Notice>
      <ErrorMessage error={users.error} />
      <Table caption={t('users.title')}>
        <thead>
          <tr>
            <th scope="col">{t('users.name')}</th>
            <th scope="col">{t('users.login')}</th>
            <th scope="col">{t('users.role')}</th>
            <th scope="col">{t('users.departments')}</th>
            <th scope="col">{t('users.status')}</th>
            <th scope="col" className="hide-narrow">{t('users.lastLogin')}</th>
            <th scope="col">{t('common.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {users.isPending && <TableMessageRow colSpan={COLUMNS}>{t('app.loading')}</TableMessageRow>}
          {users.data?.length === 0 && <TableMessageRow colSpan={COLUMNS}>{t('users.empty')}</TableMessageRow>}
          {users.data?.map((user) => (
            <tr key={user.id}>
              <td>
                <div className="cell-primary">{user.displayName}</div>
                {user.email && <div className="cell-secondary">{user.email}</div>}
              </td>
              <td>{user.login}</td>
              <td>{t(`roles.${user.role}`)}</td>
              <td>
                {user.departmentIds.map((id) => departmentName.get(id) ?? `#${id}`).join(', ') || (
                  <span className="muted">{t('common.none')}</span>
                )}
              </td>
              <td>
                <Badge tone={user.active ? 'success' : 'neutral'}>
                  {user.active ? t('common.active') : t('common.inactive')}
                </Badge>
              </td>
              <td className="hide-narrow">{user.lastLoginAt ? formatDateTime(user.lastLoginAt, i18n.language, { seconds: false }) : t('common.never')}</td>
              <td>
                <div className="row-actions">
                  <Button small onClick={() => show({ kind: 'edit', user })}>
                    {t('common.edit')}
                  </Button>
                  <Button small onClick={() => show({ kind: 'reset', user })}>
                    {t('users.resetPassword')}
                  </Button>
                  <Button
                    small
                    variant={user.active ? 'danger' : 'secondary'}
                    onClick={() => show({ kind: 'toggle', user })}
                  >
                    {user.active ? t('users.inactivate') : t('users.reactivate')}
                  </Button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </Table>

      {open?.kind === 'create' && (
        <UserFormDialog
          roles={manageableRoles}
          departments={departments}
          onClose={close}
          onSaved={(user) => done(t('users.created', { name: user.displayName }))}
        />
      )}
      {open?.kind === 'edit' && (
        <UserFormDialog
          user={open.user}
          roles={manageableRoles}
          departments={departments}
          onClose={close}
          onSaved={(user) => done(t('users.updated', { name: user.displayName }))}
        />
      )}
      {open?.kind === 'reset' && (
        <ResetPasswordDialog
          user={open.user}
          onClose={close}
          onDone={() => done(t('users.passwordReset', { name: open.user.displayName }))}
        />
      )}
      {open?.kind === 'toggle' && (
        <SetActiveDialog section="users" item={open.user} name={open.user.displayName} mutation={setUserActive} onClose={close} onDone={done} />
      )}
    </>
  )
}
