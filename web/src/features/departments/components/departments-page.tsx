import { useTranslation } from 'react-i18next'
import { usePageDialogs } from '../../../lib/use-page-dialogs'
import { Badge } from '../../../components/ui/badge'
import { Button } from '../../../components/ui/button'
import { SetActiveDialog } from '../../../components/ui/set-active-dialog'
import { ErrorMessage } from '../../../components/ui/error-message'
import { Notice } from '../../../components/ui/notice'
import { PageHeader } from '../../../components/ui/page-header'
import { Table, TableMessageRow } from '../../../components/ui/table'
import type { DepartmentResponse, UserResponse } from '../../../types/api'
import { useDepartments, useSetDepartmentActive } from '../api/departments'
import { DepartmentFormDialog } from './department-form-dialog'
import { MembersDialog } from './members-dialog'

/** Users who may become members; null when the signed-in user may not list users. */
export interface MemberCandidates {
  users: UserResponse[] | undefined
  error: unknown
}

type Open =
  | { kind: 'create' }
  | { kind: 'edit'; department: DepartmentResponse }
  | { kind: 'members'; department: DepartmentResponse }
  | { kind: 'toggle'; department: DepartmentResponse }

const COLUMNS = 5

export function DepartmentsPage({ memberCandidates }: { memberCandidates: MemberCandidates | null }) {
  const { t } = useTranslation()
  const departments = useDepartments()
  const setActive = useSetDepartmentActive()
  const { open, notice, show, close, done } = usePageDialogs<Open>(() => setActive.reset())


  return (
    <>
      <PageHeader
        title={t('departments.title')}
        actions={
          <Button variant="primary" onClick={() => show({ kind: 'create' })}>
            {t('departments.new')}
          </Button>
        }
      />
      <Notice>{notice}</Notice>
      <ErrorMessage error={departments.error ?? memberCandidates?.error} />
      <Table caption={t('departments.title')}>
        <thead>
          <tr>
            <th scope="col">{t('departments.name')}</th>
            <th scope="col">{t('departments.description')}</th>
            <th scope="col" className="cell-number">
              {t('departments.members')}
            </th>
            <th scope="col">{t('departments.status')}</th>
            <th scope="col">{t('common.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {departments.isPending && <TableMessageRow colSpan={COLUMNS}>{t('app.loading')}</TableMessageRow>}
          {departments.data?.length === 0 && (
            <TableMessageRow colSpan={COLUMNS}>{t('departments.empty')}</TableMessageRow>
          )}
          {departments.data?.map((department) => (
            <tr key={department.id}>
              <td className="cell-primary">{department.name}</td>
              <td>{department.description}</td>
              <td className="cell-number">{department.memberIds.length}</td>
              <td>
                <Badge tone={department.active ? 'success' : 'neutral'}>
                  {department.active ? t('common.active') : t('common.inactive')}
                </Badge>
              </td>
              <td>
                <div className="row-actions">
                  <Button small onClick={() => show({ kind: 'edit', department })}>
                    {t('common.edit')}
                  </Button>
                  {memberCandidates && (
                    <Button
                      small
                      disabled={!memberCandidates.users}
                      onClick={() => show({ kind: 'members', department })}
                    >
                      {t('departments.editMembers')}
                    </Button>
                  )}
                  <Button
                    small
                    variant={department.active ? 'danger' : 'secondary'}
                    onClick={() => show({ kind: 'toggle', department })}
                  >
                    {department.active ? t('departments.inactivate') : t('departments.reactivate')}
                  </Button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </Table>

      {open?.kind === 'create' && (
        <DepartmentFormDialog
          onClose={close}
          onSaved={(department) => done(t('departments.created', { name: department.name }))}
        />
      )}
      {open?.kind === 'edit' && (
        <DepartmentFormDialog
          department={open.department}
          onClose={close}
          onSaved={(department) => done(t('departments.updated', { name: department.name }))}
        />
      )}
      {open?.kind === 'members' && memberCandidates?.users && (
        <MembersDialog
          department={open.department}
          candidates={memberCandidates.users}
          onClose={close}
          onSaved={(department) => done(t('departments.membersSaved', { name: department.name }))}
        />
      )}
      {open?.kind === 'toggle' && (
        <SetActiveDialog section="departments" item={open.department} name={open.department.name} mutation={setActive} onClose={close} onDone={done} />
      )}
    </>
  )
}
