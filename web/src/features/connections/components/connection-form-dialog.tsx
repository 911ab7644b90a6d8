import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Badge } from '../../../components/ui/badge'
import { Button } from '../../../components/ui/button'
import { Dialog } from '../../../components/ui/dialog'
import { ErrorMessage, fieldError } from '../../../components/ui/error-message'
import { TextField } from '../../../components/ui/field'
import { useCreateConnection, useUpdateConnection, type ConnectionResponse } from '../api/connections'
import { AutomaticMessagesFields } from './automatic-messages-fields'
import { WebhookUrlField } from './webhook-url-field'

interface ConnectionFormDialogProps {
  /** The connection to edit; absent to create one. */
  connection?: ConnectionResponse
  onClose: () => void
  onSaved: (connection: ConnectionResponse) => void
}

const DEFAULT_GRAPH_BASE_URL = 'https://graph.facebook.com'
const DEFAULT_GRAPH_VERSION = 'v24.0'

const SECRETS = ['accessToken', 'appSecret', 'verifyToken'] as const
type Secret = (typeof SECRETS)[number]

const ADVANCED = ['graphBaseUrl', 'graphVersion']
const FIELDS = [
  'name',
  'displayNumber',
  'phoneNumberId',
  'wabaId',
  ...SECRETS,
  ...ADVANCED,
  'welcomeMessage',
  'farewellMessage',
]

export function ConnectionFormDialog({ connection, onClose, onSaved }: ConnectionFormDialogProps) {
  const { t } = useTranslation()
  const create = useCreateConnection()
  const update = useUpdateConnection()
  const mutation = connection ? update : create
  const [form, setForm] = useState({
    name: connection?.name ?? '',
    displayNumber: connection?.displayNumber ?? '',
    phoneNumberId: connection?.phoneNumberId ?? '',
    wabaId: connection?.wabaId ?? '',
    // Secrets are never sent back by the server: on edit, empty keeps the stored value.
    accessToken: '',
    appSecret: '',
    verifyToken: '',
    graphBaseUrl: connection?.graphBaseUrl ?? DEFAULT_GRAPH_BASE_URL,
    graphVersion: connection?.graphVersion ?? DEFAULT_GRAPH_VERSION,
    welcomeMessage: connection?.welcomeMessage ?? '',
    farewellMessage: connection?.farewellMessage ?? '',
  })
  const [advancedOpen, setAdvancedOpen] = useState(
    connection !== undefined &&
      (connection.graphBaseUrl !== DEFAULT_GRAPH_BASE_URL || connection.graphVersion !== DEFAULT_GRAPH_VERSION),
  )

  const set = (field: keyof typeof form) => (value: string) => setForm({ ...form, [field]: value })

  const submit = () => {
    const common = {
      name: form.name.trim(),
      displayNumber: form.displayNumber.trim(),
      phoneNumberId: form.phoneNumberId.trim(),
      wabaId: form.wabaId.trim(),
    }
    const onError = (error: unknown) => {
      if (ADVANCED.some((field) => fieldError(error, field))) setAdvancedOpen(true)
    }
    if (connection) {
      const request = {
        ...common,
        graphBaseUrl: form.graphBaseUrl.trim(),
        graphVersion: form.graphVersion.trim(),
        welcomeMessage: form.welcomeMessage.trim() || null,
        farewellMessage: form.farewellMessage.trim() || null,
        accessToken: form.accessToken.trim() || null,
        appSecret: form.appSecret.trim() || null,
        verifyToken: form.verifyToken.trim() || null,
      }
      update.mutate({ id: connection.id, request }, { onSuccess: onSaved, onError })
    } else {
      const request = {
        ...common,
        accessToken: form.accessToken.trim(),
        appSecret: form.appSecret.trim(),
        verifyToken: form.verifyToken.trim(),
        graphBaseUrl: form.graphBaseUrl.trim() || undefined,
        graphVersion: form.graphVersion.trim() || undefined,
        welcomeMessage: form.welcomeMessage.trim() || undefined,
        farewellMessage: form.farewellMessage.trim() || undefined,
      }
      create.mutate(request, { onSuccess: onSaved, onError })
    }
  }

  const error = (field: string) => fieldError(mutation.error, field)

  const secretStored = (secret: Secret) => connection?.[`${secret}Set` as const] ?? false
  const secretField = (secret: Secret) => (
    <TextField
      key={secret}
      label={t(`connections.${secret}`)}
      type="password"
      autoComplete="off"
      spellCheck={false}
      required={!connection}
      hint={connection ? t('connections.secretKeepHint') : undefined}
      badge={secretStored(secret) ? <Badge tone="info">{t('connections.secretSet')}</Badge> : undefined}
      value={form[secret]}
      error={error(secret)}
      onChange={set(secret)}
    />
  )

  return (
    <Dialog
      title={connection ? t('connections.editTitle') : t('connections.createTitle')}
      onClose={onClose}
      onSubmit={submit}
      wide
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="primary" disabled={mutation.isPending}>
            {mutation.isPending ? t('common.saving') : connection ? t('common.save') : t('connections.create')}
          </Button>
        </>
      }
    >
      <p className="muted">
        {t('connections.provider')}: {t('connections.providers.CLOUD_API')}
      </p>
      <div className="form-grid">
        <TextField
          label={t('connections.name')}
          autoComplete="off"
          required
          value={form.name}
          error={error('name')}
          onChange={set('name')}
        />
        <TextField
          label={t('connections.displayNumber')}
          type="tel"
          autoComplete="off"
          required
          hint={t('connections.displayNumberHint')}
          value={form.displayNumber}
          error={error('displayNumber')}
          onChange={set('displayNumber')}
        />
        <TextField
          label={t('connections.phoneNumberId')}
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          required
          value={form.phoneNumberId}
          error={error('phoneNumberId')}
          onChange={set('phoneNumberId')}
        />
        <TextField
          label={t('connections.wabaId')}
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          required
          value={form.wabaId}
          error={error('wabaId')}
          onChange={set('wabaId')}
        />
        {SECRETS.map(secretField)}
      </div>
      {connection?.webhookUrl && <WebhookUrlField url={connection.webhookUrl} />}
      <AutomaticMessagesFields values={form} error={error} onChange={set} />
      <details
        className="form-section"
        open={advancedOpen}
        onToggle={(event) => setAdvancedOpen(event.currentTarget.open)}
      >
        <summary>{t('connections.advanced')}</summary>
        <div className="form-grid">
          <TextField
            label={t('connections.graphBaseUrl')}
            type="url"
            autoComplete="off"
            spellCheck={false}
            hint={t('connections.graphBaseUrlHint', { value: DEFAULT_GRAPH_BASE_URL })}
            value={form.graphBaseUrl}
            error={error('graphBaseUrl')}
            onChange={set('graphBaseUrl')}
          />
          <TextField
            label={t('connections.graphVersion')}
            autoComplete="off"
            spellCheck={false}
            hint={t('connections.graphVersionHint', { value: DEFAULT_GRAPH_VERSION })}
            value={form.graphVersion}
            error={error('graphVersion')}
            onChange={set('graphVersion')}
          />
        </div>
      </details>
      <ErrorMessage error={mutation.error} fieldsShown={FIELDS} />
    </Dialog>
  )
}
