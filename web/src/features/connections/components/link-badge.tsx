import { useTranslation } from 'react-i18next'
import { Badge, type BadgeTone } from '../../../components/ui/badge'
import type { LinkView } from '../../../types/api'

const TONES: Record<NonNullable<LinkView>['state'], BadgeTone> = {
  CONNECTED: 'success',
  CONNECTING: 'warning',
  QR_PENDING: 'info',
  DISCONNECTED: 'danger',
  LOGGED_OUT: 'danger',
}

/** A QR-linked number's link: green when working, red when down (with why), and the automatic retries. */
export function LinkBadge({ link }: { link: NonNullable<LinkView> }) {
  const { t } = useTranslation()
  const why = link.state === 'DISCONNECTED' || link.state === 'LOGGED_OUT'
    ? [
        link.detail ? t(`connections.linkDetails.${link.detail}`, { defaultValue: link.detail }) : null,
        link.reasonCode !== null && link.reasonCode !== 200 ? t('connections.reasonCode', { code: link.reasonCode }) : null,
      ].filter(Boolean).join(' · ')
    : ''
  return (
    <span className="link-state" data-link-state={link.state}>
      <Badge tone={TONES[link.state]}>{t(`connections.linkStates.${link.state}`)}</Badge>
      {why && <span className="muted small"> {why}</span>}
      {link.state === 'DISCONNECTED' && link.reconnectAttempts > 0 && (
        <span className="muted small"> · {t('connections.reconnectIn', { attempt: link.reconnectAttempts })}</span>
      )}
    </span>
  )
}
