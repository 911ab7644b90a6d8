import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, withQuery } from '../../../lib/api'
import type {
  AssignContactRequest, AttributeView, ClientView, SaveAttributeRequest, ContactView, CursorPageChatView, CursorPageClientView, CursorPageContactView,
  PhoneSettingsResponse, SaveClientRequest, SaveContactRequest,
} from '../../../types/api'

export type { AttributeView, ClientView, ContactView, SaveClientRequest, SaveContactRequest } from '../../../types/api'

export interface ContactFilter {
  q?: string
  status?: 'ACTIVE' | 'INACTIVE'
  reviewState?: 'NEEDS_REVIEW' | 'VALIDATED'
  assignee?: number
}

export const contactKeys = {
  all: ['contacts'] as const,
  contacts: (filter: ContactFilter) => ['contacts', 'list', filter] as const,
  contact: (id: number) => ['contacts', 'one', id] as const,
  clients: (filter: ContactFilter) => ['contacts', 'clients', filter] as const,
  client: (id: number) => ['contacts', 'client', id] as const,
  chats: (id: number) => ['chats', 'of-contact', id] as const,
  phoneSettings: ['contacts', 'phone-settings'] as const,
  attributes: ['contacts', 'attributes'] as const,
}

/** Contacts by name, page by page. */
export function useContacts(filter: ContactFilter) {
  return useInfiniteQuery({
    queryKey: contactKeys.contacts(filter),
    queryFn: ({ pageParam }) => api.get<CursorPageContactView>(withQuery('/api/contacts', { ...filter, after: pageParam, size: 25 })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })
}

export function useClients(filter: ContactFilter) {
  return useInfiniteQuery({
    queryKey: contactKeys.clients(filter),
    queryFn: ({ pageParam }) =>
      api.get<CursorPageClientView>(withQuery('/api/clients', { q: filter.q, status: filter.status, after: pageParam, size: 25 })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })
}

export function useContact(id: number | undefined) {
  return useQuery({
    queryKey: contactKeys.contact(id ?? 0),
    queryFn: () => api.get<ContactView>(`/api/contacts/${id}`),
    enabled: id !== undefined,
    retry: false,
  })
}

export function useClient(id: number | null | undefined) {
  return useQuery({
    queryKey: contactKeys.client(id ?? 0),
    queryFn: () => api.get<ClientView>(`/api/clients/${id}`),
    enabled: id !== undefined && id !== null,
    retry: false,
  })
}

/** The chats of a contact the user may see, newest first. */
export function useContactChats(id: number) {
  return useQuery({
    queryKey: contactKeys.chats(id),
    queryFn: () => api.get<CursorPageChatView>(withQuery('/api/chats', { contact: id, size: 50 })
      + '&state=NEW&state=IN_PROGRESS&state=PENDING&state=CLOSED'),
  })
}

export function usePhoneSettings() {
  return useQuery({
    queryKey: contactKeys.phoneSettings,
    queryFn: () => api.get<PhoneSettingsResponse>('/api/contacts/phone-settings'),
    staleTime: Infinity,
  })
}

/** Any change refreshes every contact and client view (lists, details). */
function useContactsMutation<V, R>(mutationFn: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: contactKeys.all }),
  })
}

export function useSaveContact() {
  return useContactsMutation(({ id, request }: { id?: number; request: SaveContactRequest }) =>
    id ? api.put<ContactView>(`/api/contacts/${id}`, request) : api.post<ContactView>('/api/contacts', request))
}

export function useSaveClient() {
  return useContactsMutation(({ id, request }: { id?: number; request: SaveClientRequest }) =>
    id ? api.put<ClientView>(`/api/clients/${id}`, request) : api.post<ClientView>('/api/clients', request))
}

export function useContactAction() {
  return useContactsMutation(({ id, action, body }: {
    id: number
    action: 'assignment' | 'validate' | 'inactivate' | 'reactivate'
    body?: AssignContactRequest
  }) => api.post<ContactView>(`/api/contacts/${id}/${action}`, body))
}

export function useClientActive() {
  return useContactsMutation(({ id, active }: { id: number; active: boolean }) =>
    api.post<ClientView>(`/api/clients/${id}/${active ? 'reactivate' : 'inactivate'}`))
}

/** The custom client fields, in form order. */
export function useClientAttributes() {
  return useQuery({ queryKey: contactKeys.attributes, queryFn: () => api.get<AttributeView[]>('/api/client-attributes') })
}

export function useSaveAttribute() {
  return useContactsMutation(({ id, request }: { id?: number; request: SaveAttributeRequest }) =>
    id ? api.put<AttributeView>(`/api/client-attributes/${id}`, request) : api.post<AttributeView>('/api/client-attributes', request))
}
