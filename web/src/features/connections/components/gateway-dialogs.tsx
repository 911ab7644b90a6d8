import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Badge } from '../../../components/ui/badge'
import { Button } from '../../../components/ui/button'
import { Dialog } from '../../../components/ui/dialog'
import { ErrorMessage, fieldError } from '../../../components/ui/error-message'
import { TextField } from '../../../components/ui/field'
import type { ConnectionResponse } from '../api/connections'
import { AutomaticMessagesFields } from './automatic-messages-fields'
import { useConfigureGateway, useCreateGatewayNumber, useGateway, useQr, useUpdateGatewayNumber } from '../api/gateway'

/** The Evolution API gateway's address, global key and Conversa's address as the gateway reaches it. */
export function GatewaySettingsDialog({ onClose, onSaved }: { onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation()
  const gateway = useGateway(true)
  const configure = useConfigureGateway()
  const [form, setForm] = useState<{ baseUrl: string; apiKey: string; callbackBaseUrl: string } | null>(null)

  useEffect(() => {
    if (gateway.data && form === null) {
      setForm({
        baseUrl: gateway.data.baseUrl ?? '',
        apiKey: '',
        callbackBaseUrl: gateway.data.callbackBaseUrl ?? gateway.data.suggestedCallbackBaseUrl,
      })
    }
  }, [gateway.data, form])

  const values = form ?? { baseUrl: '', apiKey: '', callbackBaseUrl: '' }
  const set = (field: keyof typeof values) => (value: string) => setForm({ ...values, [field]: value })
  const error = (field: string) => fieldError(configure.error, field)
  const submit = () =>
    configure.mutate(
      { baseUrl: values.baseUrl.trim(), apiKey: values.apiKey.trim() || null, callbackBaseUrl: values.callbackBaseUrl.trim() },
      { onSuccess: onSaved },
    )

  return (
    <Dialog
      title={t('connections.gatewayTitle')}
      onClose={onClose}
      onSubmit={submit}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="primary" disabled={configure.isPending || form === null}>
            {configure.isPending ? t('common.saving') : t('common.save')}
          </Button>
        </>
      }
    >
      <p className="muted">{t('connections.gatewayIntro')}</p>
      <ErrorMessage error={gateway.error ?? configure.error} fieldsShown={['baseUrl', 'apiKey', 'callbackBaseUrl']} />
      {form === null ? (
        !gateway.error && <p className="muted">{t('app.loading')}</p>
      ) : (
      <>
      <TextField
        label={t('connections.gatewayBaseUrl')}
        hint={t('connections.gatewayBaseUrlHint')}
        type="url"
        required
        autoComplete="off"
        value={values.baseUrl}
        error={error('baseUrl')}
        onChange={set('baseUrl')}
      />
      <TextField
        label={t('connections.gatewayApiKey')}
        type="password"
        autoComplete="off"
        spellCheck={false}
        required={!gateway.data?.apiKeySet}
        hint={gateway.data?.apiKeySet ? t('connections.secretKeepHint') : undefined}
        badge={gateway.data?.apiKeySet ? <Badge tone="info">{t('connections.secretSet')}</Badge> : undefined}
        value={values.apiKey}
        error={error('apiKey')}
        onChange={set('apiKey')}
      />
      <TextField
        label={t('connections.gatewayCallbackUrl')}
        hint={t('connections.gatewayCallbackUrlHint')}
        type="url"
        required
        autoComplete="off"
        value={values.callbackBaseUrl}
        error={error('callbackBaseUrl')}
        onChange={set('callbackBaseUrl')}
      />
      </>
      )}
    </Dialog>
  )
}

/** Creates a QR-linked number (then its QR is shown), or edits its name and automatic messages. */
export function GatewayNumberDialog({
  connection,
  onClose,
  onSaved,
}: {
  connection?: ConnectionResponse
  onClose: () => void
  onSaved: (connection: ConnectionResponse) => void
}) {
  const { t } = useTranslation()
  const create = useCreateGatewayNumber()
  const update = useUpdateGatewayNumber()
  const mutation = connection ? update : create
  const [form, setForm] = useState({
    name: connection?.name ?? '',
    welcomeMessage: connection?.welcomeMessage ?? '',
    farewellMessage: connection?.farewellMessage ?? '',
    phoneNumber: '',
  })
  const set = (field: keyof typeof form) => (value: string) => setForm({ ...form, [field]: value })
  const error = (field: string) => fieldError(mutation.error, field)
  const submit = () => {
    const request = {
      name: form.name.trim(),
      welcomeMessage: form.welcomeMessage.trim() || null,
      farewellMessage: form.farewellMessage.trim() || null,
      phoneNumber: connection ? null : form.phoneNumber.replace(/\D/g, '') || null,
    }
    if (connection) update.mutate({ id: connection.id, request }, { onSuccess: onSaved })
    else create.mutate(request, { onSuccess: onSaved })
  }

  return (
    <Dialog
      title={connection ? t('connections.gatewayNumberEditTitle') : t('connections.gatewayNumberTitle')}
      onClose={onClose}
      onSubmit={submit}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="primary" disabled={mutation.isPending}>
            {mutation.isPending ? t('common.saving') : connection ? t('common.save') : t('connections.createAndShowQr')}
          </Button>
        </>
      }
    >
      {!connection && <p className="muted">{t('connections.gatewayNumberIntro')}</p>}
      <ErrorMessage error={mutation.error} fieldsShown={['name', 'welcomeMessage', 'farewellMessage', 'phoneNumber']} />
      <TextField
        label={t('connections.name')}
        autoComplete="off"
        required
        value={form.name}
        error={error('name')}
        onChange={set('name')}
      />
      {!connection && (
        <TextField
          label={`${t('connections.pairingNumber')} ${t('common.optional')}`}
          hint={t('connections.pairingNumberHint')}
          inputMode="numeric"
          autoComplete="off"
          value={form.phoneNumber}
          error={error('phoneNumber')}
          onChange={set('phoneNumber')}
        />
      )}
      <AutomaticMessagesFields values={form} error={error} onChange={set} />
    </Dialog>
  )
}

/** The QR to scan, refreshed every few seconds until the phone is linked. */
export function QrDialog({ connection, onClose }: { connection: ConnectionResponse; onClose: () => void }) {
  const { t } = useTranslation()
  const qr = useQr(connection.id)
  const state = qr.data?.state
  return (
    <Dialog
      title={t('connections.qrTitle', { name: connection.name })}
      onClose={onClose}
      footer={<Button onClick={onClose}>{t('common.close')}</Button>}
    >
      <ErrorMessage error={qr.error} />
      {state === 'CONNECTED' ? (
        <p className="notice-inline" role="status">{t('connections.qrLinked', { name: connection.name })}</p>
      ) : state === 'LOGGED_OUT' ? (
        <p className="notice-inline" role="status">{t('connections.qrLoggedOut')}</p>
      ) : (
        <>
          <p className="muted">{t('connections.qrHelp')}</p>
          <div className="qr-box" aria-live="polite">
            {qr.data?.qrImage ? (
              <img src={qr.data.qrImage} alt={t('connections.qrAlt')} width={264} height={264} />
            ) : (
              <p className="muted">{t('connections.qrWaiting')}</p>
            )}
          </div>
          {qr.data?.pairingCode && <p>{t('connections.pairingCode', { code: qr.data.pairingCode })}</p>}
        </>
      )}
    </Dialog>
  )
}
