import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/ui/button'
import { Dialog } from '../../../components/ui/dialog'
import { ErrorMessage, fieldError } from '../../../components/ui/error-message'
import { TextField } from '../../../components/ui/field'
import type { UserResponse } from '../../../types/api'
import { useResetPassword } from '../api/users'

interface ResetPasswordDialogProps {
  user: UserResponse
  onClose: () => void
  onDone: () => void
}

export function ResetPasswordDialog({ user, onClose, onDone }: ResetPasswordDialogProps) {
  const { t } = useTranslation()
  const reset = useResetPassword()
  const [password, setPassword] = useState('')
  return (
    <Dialog
      title={t('users.resetTitle')}
      onClose={onClose}
      onSubmit={() => reset.mutate({ id: user.id, request: { newPassword: password } }, { onSuccess: onDone })}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="primary" disabled={reset.isPending}>
            {t('users.resetPassword')}
          </Button>
        </>
      }
    >
      <p>{t('users.resetText', { name: user.displayName })}</p>
      <TextField
        label={t('users.newPassword')}
        type="password"
        autoComplete="new-password"
        hint={t('password.hint')}
        value={password}
        error={fieldError(reset.error, 'newPassword')}
        onChange={setPassword}
      />
      <ErrorMessage error={reset.error} fieldsShown={['newPassword']} />
    </Dialog>
  )
}
