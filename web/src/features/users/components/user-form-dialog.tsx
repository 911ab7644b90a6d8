import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/ui/button'
import { Dialog } from '../../../components/ui/dialog'
import { ErrorMessage, fieldError } from '../../../components/ui/error-message'
import { CheckboxGroup, SelectField, TextField } from '../../../components/ui/field'
import { LANGUAGES } from '../../../lib/i18n'
import type { DepartmentResponse, UserResponse } from '../../../types/api'
import type { Language, Role } from '../../../types/domain'
import { useCreateUser, useUpdateUser } from '../api/users'

interface UserFormDialogProps {
  /** The user to edit; absent to create one. */
  user?: UserResponse
  roles: readonly Role[]
  departments: DepartmentResponse[]
  onClose: () => void
  onSaved: (user: UserResponse) => void
}

const FIELDS = ['displayName', 'login', 'email', 'role', 'language', 'departmentIds', 'password']

export function UserFormDialog({ user, roles, departments, onClose, onSaved }: UserFormDialogProps) {
  const { t } = useTranslation()
  const create = useCreateUser()
  const update = useUpdateUser()
  const mutation = user ? update : create
  const [form, setForm] = useState({
    displayName: user?.displayName ?? '',
    login: '',
    email: user?.email ?? '',
    role: user?.role ?? roles[roles.length - 1],
    language: user?.language ?? ('es' as Language),
    departmentIds: (user?.departmentIds ?? []).map(String),
    password: '',
  })

  const departmentOptions = departments
    .filter((department) => department.active || form.departmentIds.includes(String(department.id)))
    .map((department) => ({ value: String(department.id), label: department.name }))

  const submit = () => {
    const common = {
      displayName: form.displayName.trim(),
      email: form.email.trim() || undefined,
      role: form.role,
      language: form.language,
      departmentIds: form.departmentIds.map(Number),
    }
    if (user) {
      update.mutate({ id: user.id, request: common }, { onSuccess: onSaved })
    } else {
      create.mutate({ ...common, login: form.login.trim(), password: form.password }, { onSuccess: onSaved })
    }
  }

  const error = (field: string) => fieldError(mutation.error, field)
  return (
    <Dialog
      title={user ? t('users.editTitle') : t('users.createTitle')}
      onClose={onClose}
      onSubmit={submit}
      wide
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="primary" disabled={mutation.isPending}>
            {mutation.isPending ? t('common.saving') : user ? t('common.save') : t('users.create')}
          </Button>
        </>
      }
    >
      <div className="form-grid">
        <TextField
          label={t('users.displayName')}
          value={form.displayName}
          error={error('displayName')}
          onChange={(value) => setForm({ ...form, displayName: value })}
        />
        {!user && (
          <TextField
            label={t('users.login')}
            autoComplete="off"
            value={form.login}
            error={error('login')}
            onChange={(value) => setForm({ ...form, login: value })}
          />
        )}
        <TextField
          label={`${t('users.email')} ${t('common.optional')}`}
          type="email"
          autoComplete="off"
          value={form.email}
          error={error('email')}
          onChange={(value) => setForm({ ...form, email: value })}
        />
        <SelectField
          label={t('users.role')}
          value={form.role}
          error={error('role')}
          options={roles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
          onChange={(value) => setForm({ ...form, role: value as Role })}
        />
        <SelectField
          label={t('users.language')}
          value={form.language}
          error={error('language')}
          options={LANGUAGES.map((language) => ({ value: language, label: t(`languages.${language}`) }))}
          onChange={(value) => setForm({ ...form, language: value as Language })}
        />
        {!user && (
          <TextField
            label={t('users.password')}
            type="password"
            autoComplete="new-password"
            hint={t('users.passwordHint')}
            value={form.password}
            error={error('password')}
            onChange={(value) => setForm({ ...form, password: value })}
          />
        )}
      </div>
      <CheckboxGroup
        legend={t('users.departments')}
        options={departmentOptions}
        selected={form.departmentIds}
        emptyText={t('users.noDepartmentsAvailable')}
        error={error('departmentIds')}
        onChange={(departmentIds) => setForm({ ...form, departmentIds })}
      />
      <ErrorMessage error={mutation.error} fieldsShown={FIELDS} />
    </Dialog>
  )
}
