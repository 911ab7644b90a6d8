import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/ui/button'
import type { MessageView } from '../api/chats'

/** Sent → delivered → read, as WhatsApp shows them; a clock while queued. */
function Ticks({ message }: { message: MessageView }) {
  const { t } = useTranslation()
  const symbol = { QUEUED: '🕓', SENT: '✓', DELIVERED: '✓✓', READ: '✓✓', PLAYED: '✓✓', FAILED: '⚠' }[message.status]
  return (
    <span className={`ticks ticks-${message.status.toLowerCase()}`} title={t(`inbox.status.${message.status}`)}
      aria-label={t(`inbox.status.${message.status}`)} data-status={message.status}>
      {symbol}
    </span>
  )
}

function Media({ message }: { message: MessageView }) {
  const { t } = useTranslation()
  const media = message.media
  if (!media) return null
  if (!media.ready) return <p className="muted">{media.failed ? t('inbox.mediaFailed') : t('inbox.mediaLoading')}</p>
  const url = `/api/media/${media.id}`
  if (media.mimeType.startsWith('image/')) {
    return <a href={url} target="_blank" rel="noreferrer"><img className="bubble-image" src={url} alt={media.filename ?? t('inbox.kind.IMAGE')} /></a>
  }
  if (media.mimeType.startsWith('audio/')) {
    return (
      <div>
        {media.voice && <span className="muted">🎤 {t('inbox.voiceNote')}</span>}
        <audio controls src={url} preload="none" />
      </div>
    )
  }
  if (media.mimeType.startsWith('video/')) return <video controls src={url} preload="none" className="bubble-image" />
  return <a href={url} target="_blank" rel="noreferrer" className="bubble-file">📄 {media.filename ?? t('inbox.kind.DOCUMENT')}</a>
}

/** What a structured message says, in words (location, shared contacts, reactions...). */
function Summary({ message }: { message: MessageView }) {
  const { t } = useTranslation()
  const details = message.details as Record<string, unknown>
  switch (message.kind) {
    case 'LOCATION':
      return <p>📍 {message.text ?? ''} ({String(details.latitude)}, {String(details.longitude)})</p>
    case 'CONTACTS':
      return <p>👤 {message.text}</p>
    case 'REACTION':
      return <p>{t('inbox.reacted', { emoji: message.text || '∅' })}</p>
    case 'UNSUPPORTED':
      return <p className="muted">{t('inbox.unsupported', { type: String(details.type ?? '?') })}</p>
    case 'INTERACTIVE_REPLY':
    case 'BUTTON_REPLY':
      return <p>🔘 {message.text}</p>
    default:
      return message.text ? <p className="bubble-text">{message.text}</p> : null
  }
}

export function MessageBubble({ message, onRetry, retrying }: {
  message: MessageView
  onRetry: (id: number) => void
  retrying: boolean
}) {
  const { t } = useTranslation()
  const outbound = message.direction === 'OUT'
  const classes = ['bubble', outbound ? 'bubble-out' : 'bubble-in', message.privateNote ? 'bubble-note' : '']
  const author = message.privateNote
    ? t('inbox.privateNoteBy', { name: message.authorName ?? '' })
    : message.authorType === 'AGENT' ? message.authorName : message.authorType === 'CUSTOMER' ? null : t(`inbox.author.${message.authorType}`)
  const time = new Date(message.createdAt)
  return (
    <li className={classes.filter(Boolean).join(' ')} data-message-id={message.id} data-kind={message.kind}>
      {author && <span className="bubble-author">{author}</span>}
      {message.kind !== 'TEXT' && message.kind !== 'REACTION' && <Media message={message} />}
      {message.media && message.text ? <p className="bubble-text">{message.text}</p> : <Summary message={message} />}
      <span className="bubble-meta">
        <time dateTime={message.createdAt} title={time.toLocaleString()}>
          {time.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}
        </time>
        {outbound && !message.privateNote && <Ticks message={message} />}
      </span>
      {message.status === 'FAILED' && outbound && (
        <div className="bubble-failed" role="alert">
          <span>{t('inbox.failed', { reason: message.errorReason ?? '' })}</span>
          <Button small onClick={() => onRetry(message.id)} disabled={retrying}>{t('common.retry')}</Button>
        </div>
      )}
    </li>
  )
}
