import { useTranslation } from 'react-i18next'
import { Badge } from '../../../components/ui/badge'
import { useCurrentUser } from '../../../lib/auth'
import { permissionDescription, permissionGroupLabel, permissionLabel } from '../../../lib/i18n'
import { groupPermissions } from '../../../lib/permissions'
import type { DepartmentResponse } from '../../../types/api'

export function HomePage({ departments }: { departments: DepartmentResponse[] | undefined }) {
  const { t } = useTranslation()
  const me = useCurrentUser()
  const mine = (departments ?? []).filter((department) => me.departmentIds.includes(department.id))
  const groups = groupPermissions(me.permissions)

  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t('home.greeting', { name: me.displayName })}</h1>
          <p className="muted">
            {t('home.role')}: <strong>{t(`roles.${me.role}`)}</strong>
          </p>
        </div>
      </div>
      <section className="card" aria-labelledby="home-departments">
        <h2 id="home-departments">{t('home.departments')}</h2>
        {departments && mine.length === 0 && <p className="muted">{t('home.noDepartments')}</p>}
        {mine.length > 0 && (
          <ul className="chip-list">
            {mine.map((department) => (
              <li key={department.id}>
                <Badge tone={department.active ? 'info' : 'neutral'}>{department.name}</Badge>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="home-permissions">
        <h2 id="home-permissions">{t('home.permissions')}</h2>
        {groups.length === 0 && <p className="muted">{t('home.noPermissions')}</p>}
        <div className="permission-groups">
          {groups.map(({ group, codes }) => (
            <section key={group} className="permission-group" aria-labelledby={`group-${group}`}>
              <h3 id={`group-${group}`}>{permissionGroupLabel(group)}</h3>
              <ul>
                {codes.map((code) => (
                  <li key={code}>
                    <span className="cell-primary">{permissionLabel(code)}</span>
                    <span className="cell-secondary">{permissionDescription(code)}</span>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      </section>
    </>
  )
}
