import { Client } from '@stomp/stompjs'
import type { ChatView, LinkView, MessageView } from '../types/api'
import { api } from './api'

export type LinkState = NonNullable<LinkView>['state']

/** What the server pushes on /user/queue/events (ChatEventPushes.ChatEvent). */
export interface ChatEvent {
  type: 'message.added' | 'message.updated' | 'chat.updated'
  chatId: number
  chat: ChatView
  message: MessageView | null
}

/** A gateway number's link changed (ConnectionLinks.LinkEvent); `alert` when it dropped and someone should act. */
export interface ConnectionLinkEvent {
  type: 'connection.link'
  connectionId: number
  name: string
  state: LinkState
  reasonCode: number | null
  detail: string | null
  alert: boolean
}

type Listener = (event: ChatEvent) => void
type ConnectionListener = (event: ConnectionLinkEvent) => void
type ReconnectListener = () => void

const listeners = new Set<Listener>()
const connectionListeners = new Set<ConnectionListener>()
const reconnectListeners = new Set<ReconnectListener>()
let client: Client | null = null
let connectedOnce = false

/** The server closes a socket with this code when its session ended (signed out elsewhere, new password, inactivated). */
const SESSION_ENDED = 4401

function socketUrl(): string {
  const protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:'
  return `${protocol}//${window.location.host}/ws`
}

/** Opens the socket (once) for the signed-in user; after a reconnect, listeners refetch what they show. */
export function startRealtime() {
  if (client) return
  const socket: Client = new Client({
    brokerURL: socketUrl(),
    reconnectDelay: 2000,
    heartbeatIncoming: 20000,
    heartbeatOutgoing: 20000,
    onConnect: () => {
      client?.subscribe('/user/queue/events', (frame) => {
        const event = JSON.parse(frame.body) as ChatEvent | ConnectionLinkEvent
        if (event.type === 'connection.link') connectionListeners.forEach((listener) => listener(event))
        else listeners.forEach((listener) => listener(event))
      })
      if (connectedOnce) reconnectListeners.forEach((listener) => listener())
      connectedOnce = true
    },
    onWebSocketClose: (event: CloseEvent) => {
      if (client !== socket) return // closed by stopRealtime
      if (event.code === SESSION_ENDED) stopRealtime()
      // Has the session ended? A 401 takes the app to the login page, which stops this client, so a
      // signed-out tab does not retry forever; any other answer (the server restarting) lets it reconnect.
      api.get('/api/auth/me').catch(() => undefined)
    },
  })
  client = socket
  client.activate()
}

/** Closes the socket (sign-out). */
export function stopRealtime() {
  // A socket the server is already closing (session ended, rights changed) takes no DISCONNECT frame:
  // sending one would fail with "WebSocket is already in CLOSING or CLOSED state".
  const open = client?.webSocket?.readyState === WebSocket.OPEN
  void client?.deactivate({ force: !open })
  client = null
  connectedOnce = false
}

export function onChatEvent(listener: Listener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function onReconnect(listener: ReconnectListener): () => void {
  reconnectListeners.add(listener)
  return () => reconnectListeners.delete(listener)
}

export function onConnectionEvent(listener: ConnectionListener): () => void {
  connectionListeners.add(listener)
  return () => connectionListeners.delete(listener)
}
