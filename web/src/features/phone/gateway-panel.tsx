import { useMutation } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../components/ui/button'
import { ErrorMessage } from '../../components/ui/error-message'
import { api } from '../../lib/api'

/** A number on the sandbox's fake Evolution gateway, as the phone page sees it. */
export interface GatewayNumber {
  instanceName: string
  state: 'close' | 'connecting' | 'open'
  number: string | null
  profileName: string | null
  qrCode: string | null
  qrImage: string | null
  pairingCode: string | null
  qrCount: number
  offline: boolean
}

export interface GatewayView { silent: boolean; numbers: GatewayNumber[] }

export function gatewayPath(instanceName: string) {
  return `/sandbox/phone/gateway/${encodeURIComponent(instanceName)}`
}

/**
 * The phone linked to a gateway number: its QR code to scan while the number waits for one, then
 * unlinking it or dropping its connection; and the whole gateway going silent.
 */
export function GatewayPanel({ gateway, silent, onChange }: { gateway: GatewayNumber; silent: boolean; onChange: () => void }) {
  const { t } = useTranslation()
  const [number, setNumber] = useState('593991110000')
  const [profileName, setProfileName] = useState('Conversa Demo')
  const base = gatewayPath(gateway.instanceName)
  const scan = useMutation({ mutationFn: () => api.post(`${base}/scan`, { number, profileName }), onSuccess: onChange })
  const unlink = useMutation({ mutationFn: () => api.post(`${base}/unlink`), onSuccess: onChange })
  const drop = useMutation({ mutationFn: () => api.post(`${base}/drop`), onSuccess: onChange })
  const restore = useMutation({ mutationFn: () => api.post(`${base}/restore`), onSuccess: onChange })
  const silence = useMutation({ mutationFn: (next: boolean) => api.put('/sandbox/phone/gateway/silent', { silent: next }), onSuccess: onChange })
  const error = scan.error ?? unlink.error ?? drop.error ?? restore.error ?? silence.error

  function submit(event: FormEvent) {
    event.preventDefault()
    scan.mutate()
  }

  return (
    <section className="gateway-panel" aria-label={t('phone.gateway')} data-state={gateway.state}>
      {gateway.state === 'open' && <p>{t('phone.stateOpen', { number: `+${gateway.number}`, name: gateway.profileName })}</p>}
      {gateway.state === 'close' && <p className="muted">{t('phone.stateClose')}</p>}
      {gateway.state === 'connecting' && !gateway.qrImage && <p className="muted">{t('phone.stateResuming')}</p>}
      {gateway.state === 'connecting' && gateway.qrImage && (
        <form className="gateway-scan" onSubmit={submit}>
          <p>{t('phone.stateConnecting')}</p>
          <img className="gateway-qr" src={gateway.qrImage} alt={t('phone.qrAlt')} data-code={gateway.qrCode ?? ''} />
          <p className="muted">{t('phone.qrCount', { count: gateway.qrCount })}</p>
          {gateway.pairingCode && <p className="muted">{t('phone.pairingCode', { code: gateway.pairingCode })}</p>}
          <label>
            {t('phone.linkNumber')}
            <input value={number} onChange={(event) => setNumber(event.target.value.replace(/\D/g, ''))} inputMode="numeric" />
          </label>
          <label>
            {t('phone.profileName')}
            <input value={profileName} onChange={(event) => setProfileName(event.target.value)} maxLength={100} />
          </label>
          <Button type="submit" variant="primary" disabled={!/^\d{8,15}$/.test(number) || !profileName.trim()}>{t('phone.scan')}</Button>
        </form>
      )}
      <div className="composer-actions">
        <label className="checkbox">
          <input type="checkbox" checked={silent} onChange={(event) => silence.mutate(event.target.checked)} />
          {t('phone.silent')}
        </label>
        {gateway.offline && gateway.state === 'connecting' && (
          <Button variant="primary" onClick={() => restore.mutate()}>{t('phone.restore')}</Button>
        )}
        {gateway.state === 'open' && (
          <>
            <Button onClick={() => drop.mutate()}>{t('phone.drop')}</Button>
            <Button variant="danger" onClick={() => unlink.mutate()}>{t('phone.unlink')}</Button>
          </>
        )}
      </div>
      {error && <ErrorMessage error={error} />}
    </section>
  )
}

/** The business owner typing on the linked phone itself, in the selected customer's chat. */
export function OwnerComposer({ instanceName, customerNumber, onSent }: { instanceName: string; customerNumber: string; onSent: () => void }) {
  const { t } = useTranslation()
  const [text, setText] = useState('')
  const send = useMutation({
    mutationFn: (body: string) => api.post(`${gatewayPath(instanceName)}/customers/${customerNumber}/owner-messages`, { text: body }),
    onSuccess: () => { setText(''); onSent() },
  })

  function submit(event: FormEvent) {
    event.preventDefault()
    if (text.trim()) send.mutate(text.trim())
  }

  return (
    <form className="composer composer-note gateway-owner" onSubmit={submit}>
      <label htmlFor="owner-text">{t('phone.ownerTitle')}</label>
      <textarea id="owner-text" rows={2} value={text} onChange={(event) => setText(event.target.value)} placeholder={t('phone.ownerWrite')} />
      {send.error && <ErrorMessage error={send.error} />}
      <div className="composer-actions">
        <Button type="submit" disabled={!text.trim()}>{t('phone.ownerSend')}</Button>
      </div>
    </form>
  )
}
