import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/ui/button'
import { Table } from '../../../components/ui/table'
import { permissionDescription, permissionGroupLabel, permissionLabel } from '../../../lib/i18n'
import type { PermissionResponse, RolesResponse } from '../../../types/api'
import type { Role } from '../../../types/domain'

const ROLE_ORDER: readonly Role[] = ['ADMINISTRATOR', 'SUPERVISOR', 'AGENT']

type Draft = Partial<Record<Role, string[]>>

export interface RoleChange {
  role: Role
  permissions: string[]
}

interface RolesMatrixProps {
  data: RolesResponse
  saving: boolean
  onEdit: () => void
  onSave: (changes: RoleChange[]) => void
}

function groupsOf(permissions: PermissionResponse[]) {
  const groups = new Map<string, PermissionResponse[]>()
  for (const permission of permissions) {
    groups.set(permission.group, [...(groups.get(permission.group) ?? []), permission])
  }
  return [...groups.entries()]
}

/** Why a checkbox is locked, or null when it may be changed. */
function lockReason(role: Role, permission: PermissionResponse): 'alwaysAdministrator' | 'notGrantable' | null {
  if (role === 'ADMINISTRATOR' && permission.alwaysAdministrator) return 'alwaysAdministrator'
  if (ROLE_ORDER.indexOf(role) > ROLE_ORDER.indexOf(permission.minimumRole)) return 'notGrantable'
  return null
}

export function RolesMatrix({ data, saving, onEdit, onSave }: RolesMatrixProps) {
  const { t } = useTranslation()
  const original: Draft = Object.fromEntries(data.roles.map((role) => [role.role, role.permissions]))
  const [draft, setDraft] = useState<Draft>(original)
  const roles = ROLE_ORDER.filter((role) => original[role] !== undefined)

  const changed = roles.filter((role) => {
    const before = new Set(original[role])
    const after = draft[role] ?? []
    return after.length !== before.size || after.some((code) => !before.has(code))
  })

  const toggle = (role: Role, code: string, checked: boolean) => {
    onEdit()
    const current = draft[role] ?? []
    setDraft({ ...draft, [role]: checked ? [...current, code] : current.filter((item) => item !== code) })
  }

  const submit = () => onSave(changed.map((role) => ({ role, permissions: draft[role] ?? [] })))

  return (
    <div className="stack">
      <Table caption={t('rolesPage.title')}>
        <thead>
          <tr>
            <th scope="col">{t('rolesPage.permission')}</th>
            {roles.map((role) => (
              <th scope="col" key={role} className="cell-center">
                {t(`roles.${role}`)}
              </th>
            ))}
          </tr>
        </thead>
        {groupsOf(data.permissions).map(([group, permissions]) => (
          <tbody key={group}>
            <tr className="group-row">
              <th scope="colgroup" colSpan={roles.length + 1}>
                {permissionGroupLabel(group)}
              </th>
            </tr>
            {permissions.map((permission) => (
              <tr key={permission.code}>
                <th scope="row" className="permission-cell">
                  <div className="cell-primary">{permissionLabel(permission.code)}</div>
                  <div className="cell-secondary">{permissionDescription(permission.code)}</div>
                </th>
                {roles.map((role) => {
                  const reason = lockReason(role, permission)
                  const title = reason ? t(`rolesPage.${reason}`, { role: t(`roles.${permission.minimumRole}`) }) : undefined
                  const checked =
                    reason === 'alwaysAdministrator' || (draft[role] ?? []).includes(permission.code)
                  return (
                    <td key={role} className="cell-center" title={title}>
                      <input
                        type="checkbox"
                        className="matrix-checkbox"
                        aria-label={t('rolesPage.checkboxLabel', {
                          permission: permissionLabel(permission.code),
                          role: t(`roles.${role}`),
                        })}
                        title={title}
                        checked={checked}
                        disabled={reason !== null || saving}
                        onChange={(event) => toggle(role, permission.code, event.target.checked)}
                      />
                    </td>
                  )
                })}
              </tr>
            ))}
          </tbody>
        ))}
      </Table>
      <div className="form-actions sticky-actions">
        {changed.length > 0 && <span className="muted">{t('rolesPage.unsaved')}</span>}
        <Button
          onClick={() => {
            onEdit()
            setDraft(original)
          }}
          disabled={changed.length === 0 || saving}
        >
          {t('rolesPage.discard')}
        </Button>
        <Button variant="primary" onClick={submit} disabled={changed.length === 0 || saving}>
          {saving ? t('common.saving') : t('rolesPage.save')}
        </Button>
      </div>
    </div>
  )
}
