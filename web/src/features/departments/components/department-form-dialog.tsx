import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/ui/button'
import { Dialog } from '../../../components/ui/dialog'
import { ErrorMessage, fieldError } from '../../../components/ui/error-message'
import { TextField } from '../../../components/ui/field'
import type { DepartmentResponse } from '../../../types/api'
import { useCreateDepartment, useUpdateDepartment } from '../api/departments'

interface DepartmentFormDialogProps {
  department?: DepartmentResponse
  onClose: () => void
  onSaved: (department: DepartmentResponse) => void
}

export function DepartmentFormDialog({ department, onClose, onSaved }: DepartmentFormDialogProps) {
  const { t } = useTranslation()
  const create = useCreateDepartment()
  const update = useUpdateDepartment()
  const mutation = department ? update : create
  const [name, setName] = useState(department?.name ?? '')
  const [description, setDescription] = useState(department?.description ?? '')

  const submit = () => {
    const request = { name: name.trim(), description: description.trim() || undefined }
    if (department) update.mutate({ id: department.id, request }, { onSuccess: onSaved })
    else create.mutate(request, { onSuccess: onSaved })
  }

  return (
    <Dialog
      title={department ? t('departments.editTitle') : t('departments.createTitle')}
      onClose={onClose}
      onSubmit={submit}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="primary" disabled={mutation.isPending}>
            {mutation.isPending ? t('common.saving') : department ? t('common.save') : t('departments.create')}
          </Button>
        </>
      }
    >
      <TextField
        label={t('departments.name')}
        value={name}
        error={fieldError(mutation.error, 'name')}
        onChange={setName}
      />
      <TextField
        label={`${t('departments.description')} ${t('common.optional')}`}
        value={description}
        error={fieldError(mutation.error, 'description')}
        onChange={setDescription}
      />
      <ErrorMessage error={mutation.error} fieldsShown={['name', 'description']} />
    </Dialog>
  )
}
