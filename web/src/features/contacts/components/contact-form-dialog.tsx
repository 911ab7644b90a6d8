import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/ui/button'
import { Dialog } from '../../../components/ui/dialog'
import { ErrorMessage, fieldError } from '../../../components/ui/error-message'
import { TextField } from '../../../components/ui/field'
import { ApiError } from '../../../lib/api'
import { type ContactView, useSaveContact } from '../api/contacts'
import { PhoneField } from './phone-field'

/** Creates (quick-create for agents) or edits a contact; the phone is checked and normalized by the server. */
export function ContactFormDialog({ contact, clientId, onClose, onSaved }: {
  contact?: ContactView
  clientId?: number
  onClose: () => void
  onSaved: (contact: ContactView) => void
}) {
  const { t } = useTranslation()
  const save = useSaveContact()
  const [name, setName] = useState(contact?.displayName ?? '')
  const [phone, setPhone] = useState(contact?.phone ?? '')
  const [country, setCountry] = useState('')
  const [email, setEmail] = useState(contact?.email ?? '')
  // a number the server cannot read is shown at the phone field, not above the form
  const phoneInvalid = save.error instanceof ApiError && (save.error.code === 'phone.invalid' || save.error.code === 'contact.phone_taken')
  const phoneError = fieldError(save.error, 'phone') ?? (phoneInvalid ? (save.error as ApiError).detail : undefined)

  const submit = () => save.mutate({
    id: contact?.id,
    request: {
      displayName: name.trim(), phone: phone.trim(), country: country || null, email: email.trim() || null,
      clientId: contact ? contact.clientId : clientId ?? null,
    },
  }, { onSuccess: onSaved })

  return (
    <Dialog title={contact ? t('contacts.editContact') : t('contacts.newContact')} onClose={onClose} onSubmit={submit}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="primary" disabled={save.isPending}>
            {save.isPending ? t('common.saving') : t('common.save')}
          </Button>
        </>
      }>
      <TextField label={t('contacts.name')} value={name} error={fieldError(save.error, 'displayName')} onChange={setName} required />
      <PhoneField label={t('contacts.phone')} phone={phone} country={country} error={phoneError}
        onPhone={setPhone} onCountry={setCountry} />
      <TextField label={`${t('contacts.email')} ${t('common.optional')}`} type="email" value={email}
        error={fieldError(save.error, 'email')} onChange={setEmail} />
      <ErrorMessage error={phoneInvalid ? null : save.error} fieldsShown={['displayName', 'phone', 'email']} />
    </Dialog>
  )
}
