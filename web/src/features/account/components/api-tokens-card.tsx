import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Badge } from '../../../components/ui/badge'
import { Button } from '../../../components/ui/button'
import { Dialog } from '../../../components/ui/dialog'
import { ErrorMessage, fieldError } from '../../../components/ui/error-message'
import { TextField } from '../../../components/ui/field'
import { Table, TableMessageRow } from '../../../components/ui/table'
import { api } from '../../../lib/api'
import { useCurrentUser } from '../../../lib/auth'
import type { CreatedTokenResponse, TokenView } from '../../../types/api'

const tokensKey = ['account', 'tokens'] as const

/** The permission's label as the role matrix shows it. */
function usePermissionLabel() {
  const { t } = useTranslation()
  return (code: string) => t(`permissions.${code.replaceAll('.', '_')}.label` as never)
}

function NewTokenDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation()
  const me = useCurrentUser()
  const label = usePermissionLabel()
  const queryClient = useQueryClient()
  const [name, setName] = useState('')
  const [chosen, setChosen] = useState<string[]>([])
  const create = useMutation({
    mutationFn: () => api.post<CreatedTokenResponse>('/api/tokens', { name: name.trim(), permissions: chosen }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensKey }),
  })
  const grantable = me.permissions.filter((code) => code !== 'api_tokens.manage').sort()
  if (create.data) {
    return (
      <Dialog title={t('tokens.createdTitle')} onClose={onClose} footer={<Button variant="primary" onClick={onClose}>{t('tokens.done')}</Button>}>
        <p>{t('tokens.showOnce')}</p>
        <TextField label={t('tokens.secret')} value={create.data.secret} readOnly onChange={() => undefined}
          onFocus={(event) => event.currentTarget.select()} data-testid="token-secret" />
        <Button onClick={() => void navigator.clipboard?.writeText(create.data.secret)}>{t('tokens.copy')}</Button>
      </Dialog>
    )
  }
  return (
    <Dialog title={t('tokens.newTitle')} onClose={onClose} onSubmit={() => create.mutate()} footer={
      <>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button type="submit" variant="primary" disabled={create.isPending || chosen.length === 0}>{t('tokens.create')}</Button>
      </>
    }>
      <TextField label={t('tokens.name')} hint={t('tokens.nameHint')} value={name} error={fieldError(create.error, 'name')}
        onChange={setName} required />
      <fieldset className="token-permissions">
        <legend>{t('tokens.permissions')}</legend>
        {grantable.map((code) => (
          <label key={code} className="checkbox">
            <input type="checkbox" checked={chosen.includes(code)} onChange={(event) =>
              setChosen(event.target.checked ? [...chosen, code] : chosen.filter((item) => item !== code))} />
            {label(code)}
          </label>
        ))}
      </fieldset>
      <ErrorMessage error={create.error} fieldsShown={['name']} />
    </Dialog>
  )
}

/** One's API tokens for other systems: created with some of one's permissions, shown once, revoked at once. */
export function ApiTokensCard() {
  const { t } = useTranslation()
  const label = usePermissionLabel()
  const queryClient = useQueryClient()
  const tokens = useQuery({ queryKey: tokensKey, queryFn: () => api.get<TokenView[]>('/api/tokens') })
  const revoke = useMutation({
    mutationFn: (id: number) => api.delete<void>(`/api/tokens/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensKey }),
  })
  const [creating, setCreating] = useState(false)
  return (
    <section className="card" aria-labelledby="account-tokens">
      <div className="card-header-row">
        <h2 id="account-tokens">{t('tokens.title')}</h2>
        <Button onClick={() => setCreating(true)}>{t('tokens.newTitle')}</Button>
      </div>
      <p className="muted">{t('tokens.intro')}</p>
      <ErrorMessage error={tokens.error ?? revoke.error} />
      <Table caption={t('tokens.title')}>
        <thead>
          <tr><th>{t('tokens.name')}</th><th>{t('tokens.permissions')}</th><th>{t('tokens.lastUsed')}</th><th /></tr>
        </thead>
        <tbody>
          {tokens.data?.length === 0 && <TableMessageRow colSpan={4}>{t('tokens.none')}</TableMessageRow>}
          {tokens.data?.map((token) => (
            <tr key={token.id}>
              <td>{token.name} <code>{token.prefix}…</code></td>
              <td>{token.permissions.map(label).join(', ')}</td>
              <td>{token.lastUsedAt ? new Date(token.lastUsedAt).toLocaleString() : '—'}</td>
              <td>
                {token.revokedAt ? <Badge>{t('tokens.revoked')}</Badge> : (
                  <Button small variant="danger" onClick={() => revoke.mutate(token.id)} disabled={revoke.isPending}>
                    {t('tokens.revoke')}
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
      {creating && <NewTokenDialog onClose={() => setCreating(false)} />}
    </section>
  )
}
