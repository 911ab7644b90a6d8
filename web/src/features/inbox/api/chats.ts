import { type InfiniteData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { api, fileForm, withQuery } from '../../../lib/api'
import { onChatEvent, onReconnect } from '../../../lib/realtime'
import type { ChatView, CursorPageChatView, CursorPageMessageView, MessageView, UserResponse } from '../../../types/api'

export type { ChatView, MessageView } from '../../../types/api'

export const chatKeys = {
  list: ['chats'] as const,
  messages: (chatId: number) => ['chats', chatId, 'messages'] as const,
}

/** Chats by last activity, newest first, page by page. */
export function useChats() {
  return useInfiniteQuery({
    queryKey: chatKeys.list,
    queryFn: ({ pageParam }) => api.get<CursorPageChatView>(withQuery('/api/chats', { before: pageParam, size: 25 })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })
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

/** Puts a chat at the top of the list (or refreshes it in place when it did not move). */
function upsertChat(data: Pages<ChatView> | undefined, chat: ChatView): Pages<ChatView> | undefined {
  if (!data) return data
  const pages = data.pages.map((page) => ({ ...page, items: page.items.filter((item) => item.id !== chat.id) }))
  const first = pages[0]
  if (first) pages[0] = { ...first, items: [chat, ...first.items] }
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

/** Keeps the chat list and open histories current from the socket; refetches after a reconnect. */
export function useLiveChats() {
  const queryClient = useQueryClient()
  useEffect(() => {
    const stopEvents = onChatEvent((event) => {
      queryClient.setQueryData<Pages<ChatView>>(chatKeys.list, (data) => upsertChat(data, event.chat))
      if (event.message) {
        const message = event.message
        queryClient.setQueryData<Pages<MessageView>>(chatKeys.messages(event.chatId), (data) => upsertMessage(data, message))
      }
    })
    const stopReconnect = onReconnect(() => void queryClient.invalidateQueries({ queryKey: chatKeys.list }))
    return () => {
      stopEvents()
      stopReconnect()
    }
  }, [queryClient])
}

function newKey(): string {
  return `web-${crypto.randomUUID()}`
}

function useMessageMutation<V>(chatId: number, send: (variables: V, key: string) => Promise<MessageView>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (variables: V) => send(variables, newKey()),
    onSuccess: (message) =>
      queryClient.setQueryData<Pages<MessageView>>(chatKeys.messages(chatId), (data) => upsertMessage(data, message)),
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

export function useCloseChat(chatId: number) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => api.post<void>(`/api/chats/${chatId}/close`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: chatKeys.list }),
  })
}

/** Users a chat can be given to, as far as the signed-in user may list them (their own scope). */
export function useAssignableUsers(enabled: boolean) {
  return useQuery({
    queryKey: ['users', 'assignable'],
    queryFn: () => api.get<UserResponse[]>(withQuery('/api/users', { active: true })),
    enabled,
  })
}

export function useAssignChat(chatId: number) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (userId: number | null) => api.post<void>(`/api/chats/${chatId}/assignment`, { userId }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: chatKeys.list }),
  })
}
