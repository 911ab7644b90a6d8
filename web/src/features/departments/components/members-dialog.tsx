import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/ui/button'
import { Dialog } from '../../../components/ui/dialog'
import { ErrorMessage } from '../../../components/ui/error-message'
import { CheckboxGroup } from '../../../components/ui/field'
import type { DepartmentResponse, UserResponse } from '../../../types/api'
import { useUpdateMembers } from '../api/departments'

interface MembersDialogProps {
  department: DepartmentResponse
  /** Active users that may be members. */
  candidates: UserResponse[]
  onClose: () => void
  onSaved: (department: DepartmentResponse) => void
}

export function MembersDialog({ department, candidates, onClose, onSaved }: MembersDialogProps) {
  const { t } = useTranslation()
  const update = useUpdateMembers()
  const candidateIds = new Set(candidates.map((user) => String(user.id)))
  const [selected, setSelected] = useState(department.memberIds.map(String))

  const submit = () => {
    // Members not offered here (inactive users) stay members.
    const kept = department.memberIds.filter((id) => !candidateIds.has(String(id)))
    const userIds = [...kept, ...selected.filter((id) => candidateIds.has(id)).map(Number)]
    update.mutate({ id: department.id, request: { userIds } }, { onSuccess: onSaved })
  }

  return (
    <Dialog
      title={t('departments.membersTitle', { name: department.name })}
      onClose={onClose}
      onSubmit={submit}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="primary" disabled={update.isPending}>
            {update.isPending ? t('common.saving') : t('common.save')}
          </Button>
        </>
      }
    >
      <p className="muted">{t('departments.membersHint')}</p>
      <CheckboxGroup
        legend={t('departments.members')}
        options={candidates.map((user) => ({ value: String(user.id), label: `${user.displayName} (${user.login})` }))}
        selected={selected}
        emptyText={t('departments.noUsers')}
        onChange={setSelected}
      />
      <ErrorMessage error={update.error} />
    </Dialog>
  )
}
