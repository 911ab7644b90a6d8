import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Badge } from '../../../components/ui/badge'
import { Button } from '../../../components/ui/button'
import { Dialog } from '../../../components/ui/dialog'
import { ErrorMessage, fieldError } from '../../../components/ui/error-message'
import { SelectField, TextField } from '../../../components/ui/field'
import { Table } from '../../../components/ui/table'
import { type AttributeView, useClientAttributes, useSaveAttribute } from '../api/contacts'

type AttributeType = AttributeView['type']
const TYPES: AttributeType[] = ['TEXT', 'NUMBER', 'MONEY', 'DATE', 'LIST']

/** One input per active custom field, by type; values are sent as text and checked by the server. */
export function AttributeInputs({ values, onChange }: {
  values: Record<string, string>
  onChange: (values: Record<string, string>) => void
}) {
  const attributes = useClientAttributes()
  const set = (key: string, value: string) => onChange({ ...values, [key]: value })
  return (
    <>
      {(attributes.data ?? []).filter((attribute) => attribute.active).map((attribute) => attribute.type === 'LIST' ? (
        <SelectField key={attribute.key} label={attribute.label} value={values[attribute.key] ?? ''}
          options={[{ value: '', label: '—' }, ...attribute.options.map((option) => ({ value: option, label: option }))]}
          onChange={(value) => set(attribute.key, value)} />
      ) : (
        <TextField key={attribute.key} label={attribute.label} value={values[attribute.key] ?? ''}
          type={attribute.type === 'DATE' ? 'date' : 'text'}
          inputMode={attribute.type === 'NUMBER' || attribute.type === 'MONEY' ? 'decimal' : undefined}
          onChange={(value) => set(attribute.key, value)} />
      ))}
    </>
  )
}

/** The client's custom values, with their labels. */
export function AttributeFacts({ values }: { values: Record<string, string> }) {
  const attributes = useClientAttributes()
  return (
    <>
      {(attributes.data ?? []).filter((attribute) => values[attribute.key]).map((attribute) => (
        <div key={attribute.key} className="facts-row">
          <dt>{attribute.label}</dt><dd>{values[attribute.key]}</dd>
        </div>
      ))}
    </>
  )
}

/** Administrators define the custom client fields: key and type are fixed once created; label, options and state change. */
export function AttributesDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation()
  const attributes = useClientAttributes()
  const save = useSaveAttribute()
  const [key, setKey] = useState('')
  const [label, setLabel] = useState('')
  const [type, setType] = useState<AttributeType>('TEXT')
  const [options, setOptions] = useState('')

  const create = () => save.mutate({
    request: {
      key: key.trim(), label: label.trim(), type,
      options: type === 'LIST' ? options.split(',').map((option) => option.trim()).filter(Boolean) : null, active: null,
    },
  }, {
    onSuccess: () => {
      setKey('')
      setLabel('')
      setOptions('')
    },
  })

  return (
    <Dialog title={t('contacts.fieldsTitle')} onClose={onClose} wide footer={<Button onClick={onClose}>{t('tokens.done')}</Button>}>
      <p className="muted">{t('contacts.fieldsHelp')}</p>
      <Table caption={t('contacts.fieldsTitle')}>
        <thead><tr><th>{t('contacts.fieldLabel')}</th><th>{t('contacts.fieldKey')}</th><th>{t('contacts.fieldType')}</th><th /></tr></thead>
        <tbody>
          {(attributes.data ?? []).map((attribute) => (
            <tr key={attribute.id}>
              <td>{attribute.label} {!attribute.active && <Badge>{t('contacts.inactive')}</Badge>}</td>
              <td><code>{attribute.key}</code></td>
              <td>{t(`contacts.type.${attribute.type}`)}{attribute.type === 'LIST' && `: ${attribute.options.join(', ')}`}</td>
              <td>
                <Button small onClick={() => save.mutate({ id: attribute.id, request: { ...attribute, active: !attribute.active } })}>
                  {attribute.active ? t('contacts.inactivate') : t('contacts.reactivate')}
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
      <h3>{t('contacts.newField')}</h3>
      <div className="form-row">
        <TextField label={t('contacts.fieldLabel')} value={label} onChange={setLabel} error={fieldError(save.error, 'label')} />
        <TextField label={t('contacts.fieldKey')} value={key} onChange={setKey} placeholder="loan_number"
          error={fieldError(save.error, 'key')} />
        <SelectField label={t('contacts.fieldType')} value={type} onChange={(value) => setType(value as AttributeType)}
          options={TYPES.map((value) => ({ value, label: t(`contacts.type.${value}`) }))} />
      </div>
      {type === 'LIST' && (
        <TextField label={t('contacts.fieldOptions')} hint={t('contacts.fieldOptionsHint')} value={options} onChange={setOptions} />
      )}
      <Button variant="primary" onClick={create} disabled={save.isPending || !key.trim() || !label.trim()}>{t('contacts.addField')}</Button>
      <ErrorMessage error={save.error} fieldsShown={['key', 'label']} />
    </Dialog>
  )
}
