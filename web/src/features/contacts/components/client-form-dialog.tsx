import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/ui/button'
import { Dialog } from '../../../components/ui/dialog'
import { ErrorMessage, fieldError } from '../../../components/ui/error-message'
import { TextAreaField, TextField } from '../../../components/ui/field'
import { useCurrentUser } from '../../../lib/auth'
import { type ClientView, useSaveClient } from '../api/contacts'
import { AttributeInputs } from './attribute-fields'

/**
 * Creates or edits a client. The document id, balance and days overdue are read-only without
 * contacts.edit_sensitive (the server refuses such changes anyway).
 */
export function ClientFormDialog({ client, onClose, onSaved }: {
  client?: ClientView
  onClose: () => void
  onSaved: (client: ClientView) => void
}) {
  const { t } = useTranslation()
  const me = useCurrentUser()
  const sensitive = me.permissions.includes('contacts.edit_sensitive')
  const save = useSaveClient()
  const [name, setName] = useState(client?.name ?? '')
  const [documentId, setDocumentId] = useState(client?.documentId ?? '')
  const [balance, setBalance] = useState(client?.balance?.amount ?? '')
  const [currency, setCurrency] = useState(client?.balance?.currency ?? 'USD')
  const [daysOverdue, setDaysOverdue] = useState(client?.daysOverdue?.toString() ?? '')
  const [notes, setNotes] = useState(client?.notes ?? '')
  const [attributes, setAttributes] = useState<Record<string, string>>(client?.attributes ?? {})

  const submit = () => save.mutate({
    id: client?.id,
    request: {
      name: name.trim(), documentId: documentId.trim() || null, balance: balance.trim() ? Number(balance.replace(',', '.')) : null,
      currency: balance.trim() ? currency.trim().toUpperCase() : null,
      daysOverdue: daysOverdue.trim() ? Number(daysOverdue) : null, notes: notes.trim() || null, attributes,
    },
  }, { onSuccess: onSaved })

  return (
    <Dialog title={client ? t('contacts.editClient') : t('contacts.newClient')} onClose={onClose} onSubmit={submit}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="primary" disabled={save.isPending}>
            {save.isPending ? t('common.saving') : t('common.save')}
          </Button>
        </>
      }>
      <TextField label={t('contacts.clientName')} value={name} error={fieldError(save.error, 'name')} onChange={setName} required />
      {!sensitive && <p className="field-hint">{t('contacts.sensitiveReadOnly')}</p>}
      <TextField label={`${t('contacts.documentId')} ${t('common.optional')}`} value={documentId} disabled={!sensitive}
        error={fieldError(save.error, 'documentId')} onChange={setDocumentId} />
      <div className="form-row">
        <TextField label={`${t('contacts.balance')} ${t('common.optional')}`} value={balance} inputMode="decimal"
          disabled={!sensitive} error={fieldError(save.error, 'balance')} onChange={setBalance} />
        <TextField label={t('contacts.currency')} value={currency} maxLength={3} disabled={!sensitive}
          error={fieldError(save.error, 'currency')} onChange={setCurrency} />
        <TextField label={`${t('contacts.daysOverdue')} ${t('common.optional')}`} value={daysOverdue} inputMode="numeric"
          disabled={!sensitive} error={fieldError(save.error, 'daysOverdue')} onChange={setDaysOverdue} />
      </div>
      <AttributeInputs values={attributes} onChange={setAttributes} />
      <TextAreaField label={`${t('contacts.notes')} ${t('common.optional')}`} value={notes} onChange={setNotes} />
      <ErrorMessage error={save.error} fieldsShown={['name', 'documentId', 'balance', 'currency', 'daysOverdue', 'notes']} />
    </Dialog>
  )
}
