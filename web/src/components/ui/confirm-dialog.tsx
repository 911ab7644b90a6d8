import { useTranslation } from 'react-i18next'
import { Button } from './button'
import { Dialog } from './dialog'
import { ErrorMessage } from './error-message'

interface ConfirmDialogProps {
  title: string
  message: string
  confirmLabel: string
  danger?: boolean
  pending: boolean
  error: unknown
  onConfirm: () => void
  onClose: () => void
}

export function ConfirmDialog({ title, message, confirmLabel, danger, pending, error, onConfirm, onClose }: ConfirmDialogProps) {
  const { t } = useTranslation()
  return (
    <Dialog
      title={title}
      onClose={onClose}
      onSubmit={onConfirm}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant={danger ? 'danger' : 'primary'} disabled={pending}>
            {confirmLabel}
          </Button>
        </>
      }
    >
      <p>{message}</p>
      <ErrorMessage error={error} />
    </Dialog>
  )
}
