import type { UseMutationResult } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { ConfirmDialog } from './confirm-dialog'

/** The sections whose translations carry the inactivate/reactivate texts (`<section>.inactivateTitle` …). */
type Section = 'users' | 'departments' | 'connections'

interface Activatable {
  id: number
  active: boolean
}

interface SetActiveDialogProps<T extends Activatable, E> {
  section: Section
  item: T
  name: string
  mutation: UseMutationResult<T, E, { id: number; active: boolean }>
  onClose: () => void
  onDone: (message: string) => void
}

/** Confirms inactivating (or reactivating) a user, department or connection, then reports it. */
export function SetActiveDialog<T extends Activatable, E>({ section, item, name, mutation, onClose, onDone }: SetActiveDialogProps<T, E>) {
  const { t } = useTranslation()
  const inactivating = item.active
  return (
    <ConfirmDialog
      title={t(inactivating ? `${section}.inactivateTitle` : `${section}.reactivateTitle`)}
      message={t(inactivating ? `${section}.inactivateText` : `${section}.reactivateText`, { name })}
      confirmLabel={t(inactivating ? `${section}.inactivate` : `${section}.reactivate`)}
      danger={inactivating}
      pending={mutation.isPending}
      error={mutation.error}
      onClose={onClose}
      onConfirm={() =>
        mutation.mutate(
          { id: item.id, active: !inactivating },
          { onSuccess: () => onDone(t(inactivating ? `${section}.inactivated` : `${section}.reactivated`, { name })) },
        )
      }
    />
  )
}
