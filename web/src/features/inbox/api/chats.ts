import { type InfiniteData, type QueryClient, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { api, fileForm, withQuery } from '../../../lib/api'
import { queryKeys } from '../../../lib/query-keys'
import { type ChatEvent, onChatEvent, onReconnect } from '../../../lib/realtime'
import type {
  ChatCountersView, ChatView, ConnectionResponse, CursorPageChatView, CursorPageMessageView, DepartmentResponse, MeResponse,
  MessageView,
} from '../../../types/api'

export type { ChatView, MessageView } from '../../../types/api'

export type ChatState = ChatView['state']
export type Scope = 'ALL' | 'MINE' | 'UNASSIGNED'
/** The list's tabs: every open chat, one state, or the closed ones. */
export type Tab = 'open' | ChatState

/** What the chat list shows; kept in the page's URL. */
export interface ChatFilter {
  tab: Tab
  scope: Scope
  assignee?: number
  department?: number
  connection?: number
  q?: string
}

const OPEN_STATES: ChatState[] = ['NEW', 'IN_PROGRESS', 'PENDING']

function statesOf(tab: Tab): ChatState[] {
  return tab === 'open' ? OPEN_STATES : [tab]
}

export const chatKeys = {
  all: ['chats'] as const,
  lists: ['chats', 'list'] as const,
  list: (filter: ChatFilter) => ['chats', 'list', filter] as const,
  chat: (chatId: number) => ['chats', 'one', chatId] as const,
  counters: ['chats', 'counters'] as const,
  messages: (chatId: number) => ['chats', chatId, 'messages'] as const,
}

function listUrl(filter: ChatFilter, before: string | undefined): string {
  const search = new URLSearchParams()
  statesOf(filter.tab).forEach((state) => search.append('state', state))
  const rest: Record<string, string | number | undefined> = {
    scope: filter.scope, assignee: filter.assignee, department: filter.department, connection: filter.connection,
    q: filter.q?.trim() || undefined, before, size: 30,
  }
  for (const [name, value] of Object.entries(rest)) {
    if (value !== undefined && value !== '') search.set(name, String(value))
  }
  return `/api/chats?${search.toString()}`
}

/** Chats by last activity, newest first, page by page (keyset: no gaps or repeats while chats move). */
export function useChats(filter: ChatFilter) {
  return useInfiniteQuery({
    queryKey: chatKeys.list(filter),
    queryFn: ({ pageParam }) => api.get<CursorPageChatView>(listUrl(filter, pageParam)),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })
}

/** One chat, for a chat opened by link or filtered out of the list. */
export function useChat(chatId: number | undefined, fromList: ChatView | undefined) {
  return useQuery({
    queryKey: chatKeys.chat(chatId ?? 0),
    queryFn: () => api.get<ChatView>(`/api/chats/${chatId}`),
    enabled: chatId !== undefined && fromList === undefined,
    retry: false,
  })
}

export function useCounters() {
  return useQuery({ queryKey: chatKeys.counters, queryFn: () => api.get<ChatCountersView>('/api/chats/counters') })
}

/** A chat's history, newest first (the view shows it oldest first). */
export function useMessages(chatId: number) {
  return useInfiniteQuery({
    queryKey: chatKeys.messages(chatId),
    queryFn: ({ pageParam }) =>
      api.get<CursorPageMessageView>(withQuery(`/api/chats/${chatId}/messages`, { before: pageParam, size: 50 })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })
}

type Pages<T> = InfiniteData<{ items: T[]; nextCursor?: string | null }, string | undefined>

/**
 * Whether a chat belongs in a list, judged in the browser for live updates (the server applied
 * the same rules, and visibility, when it sent the event). A search cannot be judged here: a
 * searched list only refreshes the rows it already shows.
 */
export function matchesFilter(chat: ChatView, filter: ChatFilter, me: MeResponse): boolean {
  if (!statesOf(filter.tab).includes(chat.state)) return false
  if (filter.scope === 'MINE' && chat.assignedUserId !== me.id && !chat.participants.some((p) => p.id === me.id)) return false
  if (filter.scope === 'UNASSIGNED' && chat.assignedUserId !== null) return false
  if (filter.assignee !== undefined && chat.assignedUserId !== filter.assignee) return false
  if (filter.department !== undefined && chat.departmentId !== filter.department) return false
  return filter.connection === undefined || chat.connectionId === filter.connection
}

/** Places a chat by its last activity (new chats and messages move rows to the top) or drops it. */
function placeChat(data: Pages<ChatView> | undefined, chat: ChatView, belongs: boolean, searched: boolean) {
  if (!data) return data
  const present = data.pages.some((page) => page.items.some((item) => item.id === chat.id))
  if (searched) {
    if (!present) return data
    return { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.map((item) => (item.id === chat.id ? chat : item)) })) }
  }
  const pages = data.pages.map((page) => ({ ...page, items: page.items.filter((item) => item.id !== chat.id) }))
  if (!belongs) return { ...data, pages }
  const first = pages[0]
  if (!first) return data
  // rows are ordered by activity: the chat goes before the first row that is older than it
  const all = pages.flatMap((page) => page.items)
  const lastLoaded = all.at(-1)
  if (lastLoaded && all.length > 0 && chat.lastMessageAt < lastLoaded.lastMessageAt && data.pages.at(-1)?.nextCursor) {
    return { ...data, pages } // older than everything loaded: it appears when the user scrolls there
  }
  for (const page of pages) {
    const index = page.items.findIndex((item) => item.lastMessageAt < chat.lastMessageAt
      || (item.lastMessageAt === chat.lastMessageAt && item.id < chat.id))
    if (index >= 0) {
      page.items = [...page.items.slice(0, index), chat, ...page.items.slice(index)]
      return { ...data, pages }
    }
  }
  const last = pages[pages.length - 1]!
  last.items = [...last.items, chat]
  return { ...data, pages }
}

function upsertMessage(data: Pages<MessageView> | undefined, message: MessageView): Pages<MessageView> | undefined {
  if (!data) return data
  const exists = data.pages.some((page) => page.items.some((item) => item.id === message.id))
  const pages = data.pages.map((page, index) => {
    if (exists) return { ...page, items: page.items.map((item) => (item.id === message.id ? message : item)) }
    return index === 0 ? { ...page, items: [message, ...page.items] } : page
  })
  return { ...data, pages }
}

/** Applies a chat as it is now to every cached list, the chat itself, and the counters. */
export function applyChat(queryClient: QueryClient, chat: ChatView, me: MeResponse) {
  for (const [key] of queryClient.getQueriesData<Pages<ChatView>>({ queryKey: chatKeys.lists })) {
    const filter = key[2] as ChatFilter | undefined
    if (!filter) continue
    queryClient.setQueryData<Pages<ChatView>>(key, (data) =>
      placeChat(data, chat, matchesFilter(chat, filter, me), Boolean(filter.q?.trim())))
  }
  if (queryClient.getQueryData(chatKeys.chat(chat.id))) queryClient.setQueryData(chatKeys.chat(chat.id), chat)
}

/** The chat as the list cache last saw it (to tell what an event changed). */
export function knownChat(queryClient: QueryClient, chatId: number): ChatView | undefined {
  for (const [, data] of queryClient.getQueriesData<Pages<ChatView>>({ queryKey: chatKeys.lists })) {
    const found = data?.pages.flatMap((page) => page.items).find((item) => item.id === chatId)
    if (found) return found
  }
  return queryClient.getQueryData<ChatView>(chatKeys.chat(chatId))
}

let countersTimer: ReturnType<typeof setTimeout> | undefined

/** Re-reads the badges shortly after a burst of events (one request, however many events). */
function refreshCounters(queryClient: QueryClient) {
  clearTimeout(countersTimer)
  countersTimer = setTimeout(() => void queryClient.invalidateQueries({ queryKey: chatKeys.counters }), 400)
}

/**
 * Keeps lists, open histories and the badges current from the socket; refetches after a
 * reconnect. {@code observe} sees each event first, with the chat as it was before it.
 */
export function useLiveChats(me: MeResponse, observe: (event: ChatEvent, before: ChatView | undefined) => void) {
  const queryClient = useQueryClient()
  useEffect(() => {
    const stopEvents = onChatEvent((event) => {
      observe(event, knownChat(queryClient, event.chatId))
      applyChat(queryClient, event.chat, me)
      if (event.message) {
        const message = event.message
        queryClient.setQueryData<Pages<MessageView>>(chatKeys.messages(event.chatId), (data) => upsertMessage(data, message))
      }
      refreshCounters(queryClient)
    })
    const stopReconnect = onReconnect(() => void queryClient.invalidateQueries({ queryKey: chatKeys.all }))
    return () => {
      stopEvents()
      stopReconnect()
    }
  }, [queryClient, me, observe])
}

function newKey(): string {
  return `web-${crypto.randomUUID()}`
}

function useMessageMutation<V>(chatId: number, send: (variables: V, key: string) => Promise<MessageView>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (variables: V) => send(variables, newKey()),
    onSuccess: (message) => {
      queryClient.setQueryData<Pages<MessageView>>(chatKeys.messages(chatId), (data) => upsertMessage(data, message))
      refreshCounters(queryClient)
    },
  })
}

export function useSendText(chatId: number) {
  return useMessageMutation(chatId, ({ text, privateNote }: { text: string; privateNote: boolean }, key: string) =>
    api.post<MessageView>(`/api/chats/${chatId}/messages`, { idempotencyKey: key, text, privateNote }),
  )
}

export function useSendFile(chatId: number) {
  return useMessageMutation(chatId,
    ({ file, filename, caption, voice }: { file: Blob; filename: string; caption: string; voice: boolean }, key: string) =>
      api.postForm<MessageView>(`/api/chats/${chatId}/attachments`,
        fileForm(file, filename, { idempotencyKey: key, caption, voice: String(voice) })),
  )
}

export function useRetry(chatId: number) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (messageId: number) => api.post<MessageView>(`/api/chats/${chatId}/messages/${messageId}/retry`),
    onSuccess: (message) =>
      queryClient.setQueryData<Pages<MessageView>>(chatKeys.messages(chatId), (data) => upsertMessage(data, message)),
  })
}

export function markRead(chatId: number) {
  return api.post<void>(`/api/chats/${chatId}/read`)
}

/** A change to a chat; the socket brings the chat as it is afterwards, the refetch covers a missed event. */
function useChatAction<V>(chatId: number, action: (variables: V) => Promise<void>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: action,
    onSuccess: () => { // done at once (dialogs close); the views catch up in the background
      void api.get<ChatView>(`/api/chats/${chatId}`)
        .then((chat) => queryClient.setQueryData(chatKeys.chat(chatId), chat), () => undefined)
      void queryClient.invalidateQueries({ queryKey: chatKeys.lists })
      refreshCounters(queryClient)
    },
  })
}

export function useCloseChat(chatId: number) {
  return useChatAction(chatId, () => api.post<void>(`/api/chats/${chatId}/close`))
}

export function useChangeState(chatId: number) {
  return useChatAction(chatId, (state: 'PENDING' | 'IN_PROGRESS') => api.post<void>(`/api/chats/${chatId}/state`, { state }))
}

export function useTakeChat(chatId: number) {
  return useChatAction(chatId, () => api.post<void>(`/api/chats/${chatId}/take`))
}

export function useAssignChat(chatId: number) {
  return useChatAction(chatId, (userId: number | null) => api.post<void>(`/api/chats/${chatId}/assignment`, { userId }))
}

export function useAddParticipant(chatId: number) {
  return useChatAction(chatId, (userId: number) => api.post<void>(`/api/chats/${chatId}/participants`, { userId }))
}

export function useRemoveParticipant(chatId: number) {
  return useChatAction(chatId, (userId: number) => api.delete<void>(`/api/chats/${chatId}/participants/${userId}`))
}

export { useAssignableUsers } from '../../../lib/use-assignable-users'

/** Departments and connections for the list's filters (shared cache keys with their own pages). */
export function useFilterOptions(canListConnections: boolean) {
  const departments = useQuery({
    queryKey: queryKeys.departments,
    queryFn: () => api.get<DepartmentResponse[]>('/api/departments'),
  })
  const connections = useQuery({
    queryKey: queryKeys.connections,
    queryFn: () => api.get<ConnectionResponse[]>('/api/connections'),
    enabled: canListConnections,
  })
  return { departments: departments.data ?? [], connections: connections.data ?? [] }
}
