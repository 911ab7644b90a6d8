import { useCallback, useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { useCurrentUser } from '../../../lib/auth'
import { alertUser, dismissToast, useToasts } from '../../../lib/notifications'
import type { ChatEvent } from '../../../lib/realtime'
import type { ChatView, MeResponse } from '../../../types/api'
import { useCounters, useLiveChats } from '../api/chats'

/** The chat on screen, if any: its new messages need no alert. */
let openChatId: number | null = null

export function setOpenChat(chatId: number | null) {
  openChatId = chatId
}

/** What each chat looked like when last seen, to tell an assignment or a new chat from any other change. */
const lastSeen = new Map<number, { assignedUserId: number | null; state: string }>()

function isMine(event: ChatEvent, me: MeResponse) {
  return event.chat.assignedUserId === me.id || event.chat.participants.some((p) => p.id === me.id)
}

/**
 * Live updates for the whole app, and the alerts they raise (X7): a chat given to me, a new chat
 * waiting for someone to take it (for those who assign or take), a customer writing in my chats
 * while I look elsewhere.
 */
function useInboxLive() {
  const { t } = useTranslation()
  const me = useCurrentUser()
  const navigate = useNavigate()
  const observe = useCallback((event: ChatEvent, cached: ChatView | undefined) => {
    const chat = event.chat
    const before = lastSeen.get(chat.id) ?? (cached ? { assignedUserId: cached.assignedUserId, state: cached.state } : undefined)
    lastSeen.set(chat.id, { assignedUserId: chat.assignedUserId, state: chat.state })
    const name = chat.contact.displayName
    const href = `/inbox/${chat.id}`
    const open = () => void navigate(href)
    if (chat.assignedUserId === me.id && before?.assignedUserId !== me.id && event.type === 'chat.updated') {
      alertUser(me.id, { title: t('alerts.assignedTitle'), body: t('alerts.assignedBody', { name }), href }, open)
      return
    }
    const queueWatcher = me.permissions.includes('chats.assign') || me.permissions.includes('chats.take')
    if (queueWatcher && chat.state === 'NEW' && chat.assignedUserId === null && before?.state !== 'NEW'
      && event.type === 'message.added') {
      alertUser(me.id, { title: t('alerts.newChatTitle'), body: t('alerts.newChatBody', { name }), href }, open)
      return
    }
    const message = event.message
    if (event.type === 'message.added' && message?.direction === 'IN' && isMine(event, me)
      && (openChatId !== chat.id || document.hidden)) {
      alertUser(me.id, { title: name, body: message.text ?? t(`inbox.kind.${message.kind}`), href }, open)
    }
  }, [me, navigate, t])
  useLiveChats(me, observe)
}

/** The alerts' toasts and the live updates; mounted once for the signed-in user. */
export function InboxAlerts() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const toasts = useToasts()
  useInboxLive()
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} className="toast">
          <button type="button" className="toast-main" onClick={() => {
            dismissToast(toast.id)
            if (toast.href) void navigate(toast.href)
          }}>
            <strong>{toast.title}</strong>
            <span>{toast.body}</span>
          </button>
          <button type="button" className="toast-close" aria-label={t('common.close')} onClick={() => dismissToast(toast.id)}>×</button>
        </div>
      ))}
    </div>
  )
}

/** The global pending-reply badge (M3) beside the Chats menu item; also in the window title. */
export function PendingRepliesBadge() {
  const { t } = useTranslation()
  const counters = useCounters()
  const pending = counters.data?.pendingReplies ?? 0
  useEffect(() => {
    const base = document.title.replace(/^\(\d+\) /, '')
    document.title = pending > 0 ? `(${pending}) ${base}` : base
  }, [pending])
  if (pending === 0) return null
  return (
    <span className="pending-badge nav-badge" data-testid="pending-total" aria-label={t('inbox.pendingTotal', { count: pending })}>
      {pending}
    </span>
  )
}
