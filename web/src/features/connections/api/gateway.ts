import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../../../lib/api'
import { queryKeys } from '../../../lib/query-keys'
import type {
  ConnectionResponse,
  GatewayNumberRequest,
  GatewayRequest,
  GatewayResponse,
  QrResponse,
  SyncResponse,
} from '../../../types/api'

const gatewayKey = [...queryKeys.connections, 'gateway'] as const

/** The Evolution API gateway's settings (never its key). */
export function useGateway(enabled: boolean) {
  return useQuery({ queryKey: gatewayKey, queryFn: () => api.get<GatewayResponse>('/api/connections/gateway'), enabled })
}

export function useConfigureGateway() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (request: GatewayRequest) => api.put<GatewayResponse>('/api/connections/gateway', request),
    onSuccess: (saved) => queryClient.setQueryData(gatewayKey, saved),
  })
}

function useNumberMutation<V>(mutationFn: (variables: V) => Promise<ConnectionResponse>) {
  const queryClient = useQueryClient()
  return useMutation({ mutationFn, onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.connections }) })
}

export const useCreateGatewayNumber = () =>
  useNumberMutation((request: GatewayNumberRequest) =>
    api.post<ConnectionResponse>('/api/connections/gateway-numbers', request),
  )

export const useUpdateGatewayNumber = () =>
  useNumberMutation(({ id, request }: { id: number; request: GatewayNumberRequest }) =>
    api.put<ConnectionResponse>(`/api/connections/${id}/gateway-number`, request),
  )

export type LinkAction = 'reconnect' | 'logout' | 'delete-instance'

export const useLinkAction = () =>
  useNumberMutation(({ id, action }: { id: number; action: LinkAction }) =>
    api.post<ConnectionResponse>(`/api/connections/${id}/${action}`),
  )

/** The QR to scan, refreshed every few seconds while the dialog is open. */
export function useQr(id: number) {
  return useQuery({
    queryKey: [...queryKeys.connections, id, 'qr'],
    queryFn: () => api.get<QrResponse>(`/api/connections/${id}/qr`),
    refetchInterval: 3000,
    gcTime: 0,
  })
}

/** Imports a linked phone's contacts, or the last 7 days of its chats; rerunnable. */
export const useSync = () =>
  useMutation({
    mutationFn: ({ id, what }: { id: number; what: 'contacts' | 'messages' }) =>
      api.post<SyncResponse>(`/api/connections/${id}/sync-${what}`),
  })
