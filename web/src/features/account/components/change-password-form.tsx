import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/ui/button'
import { ErrorMessage, fieldError } from '../../../components/ui/error-message'
import { TextField } from '../../../components/ui/field'
import { useChangePassword } from '../api/account'

export const MIN_PASSWORD_LENGTH = 10

/** Current + new + confirmation; `onChanged` runs once the server has ended all sessions. */
export function ChangePasswordForm({ onChanged }: { onChanged: () => void }) {
  const { t } = useTranslation()
  const change = useChangePassword()
  const [form, setForm] = useState({ current: '', next: '', confirm: '' })
  const [clientError, setClientError] = useState<string | null>(null)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (form.next.length < MIN_PASSWORD_LENGTH) return setClientError(t('errors.passwordTooShort'))
    if (form.next !== form.confirm) return setClientError(t('errors.passwordMismatch'))
    setClientError(null)
    change.mutate({ currentPassword: form.current, newPassword: form.next }, { onSuccess: onChanged })
  }

  return (
    <form noValidate onSubmit={submit} className="stack form-narrow">
      <TextField
        label={t('password.current')}
        type="password"
        autoComplete="current-password"
        value={form.current}
        error={fieldError(change.error, 'currentPassword')}
        onChange={(value) => setForm({ ...form, current: value })}
      />
      <TextField
        label={t('password.new')}
        type="password"
        autoComplete="new-password"
        hint={t('password.hint')}
        value={form.next}
        error={fieldError(change.error, 'newPassword')}
        onChange={(value) => setForm({ ...form, next: value })}
      />
      <TextField
        label={t('password.confirm')}
        type="password"
        autoComplete="new-password"
        value={form.confirm}
        onChange={(value) => setForm({ ...form, confirm: value })}
      />
      <ErrorMessage error={clientError ?? change.error} fieldsShown={['currentPassword', 'newPassword']} />
      <div>
        <Button type="submit" variant="primary" disabled={change.isPending}>
          {change.isPending ? t('password.submitting') : t('password.submit')}
        </Button>
      </div>
    </form>
  )
}
