import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/ui/button'
import { ErrorMessage } from '../../../components/ui/error-message'
import { SelectField, TextField } from '../../../components/ui/field'
import { PageHeader } from '../../../components/ui/page-header'
import { Table, TableMessageRow } from '../../../components/ui/table'
import { formatDateTime, formatDetails, localDayToInstant } from '../../../lib/format'
import { auditActionLabel } from '../../../lib/i18n'
import { useDebouncedValue } from '../../../lib/use-debounced-value'
import type { AuditEntryResponse } from '../../../types/api'
import { useAuditActions, useAuditLog } from '../api/audit'

const COLUMNS = 6

function target(entry: AuditEntryResponse): string {
  if (!entry.targetType) return ''
  return entry.targetId ? `${entry.targetType} #${entry.targetId}` : entry.targetType
}

export function AuditLogPage() {
  const { t, i18n } = useTranslation()
  const actions = useAuditActions()
  const [action, setAction] = useState('')
  const [actor, setActor] = useState('')
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const debouncedActor = useDebouncedValue(actor.trim())
  const log = useAuditLog({
    action,
    actor: debouncedActor,
    from: localDayToInstant(from),
    to: localDayToInstant(to, true),
  })
  const entries = log.data?.pages.flatMap((page) => page.items) ?? []

  const actionOptions = (actions.data ?? [])
    .map((code) => ({ value: code, label: auditActionLabel(code) }))
    .sort((a, b) => a.label.localeCompare(b.label, i18n.language))

  return (
    <>
      <PageHeader title={t('audit.title')} description={t('audit.intro')} />
      <div role="search" className="filters" aria-label={t('audit.title')}>
        <SelectField
          label={t('audit.action')}
          value={action}
          options={[{ value: '', label: t('audit.allActions') }, ...actionOptions]}
          onChange={setAction}
        />
        <TextField label={t('audit.actor')} type="search" value={actor} onChange={setActor} />
        <TextField label={t('audit.from')} type="date" value={from} max={to || undefined} onChange={setFrom} />
        <TextField label={t('audit.to')} type="date" value={to} min={from || undefined} onChange={setTo} />
      </div>
      <ErrorMessage error={log.error ?? actions.error} />
      <Table caption={t('audit.title')}>
        <thead>
          <tr>
            <th scope="col">{t('audit.time')}</th>
            <th scope="col">{t('audit.actor')}</th>
            <th scope="col">{t('audit.ip')}</th>
            <th scope="col">{t('audit.action')}</th>
            <th scope="col">{t('audit.target')}</th>
            <th scope="col">{t('audit.details')}</th>
          </tr>
        </thead>
        <tbody>
          {log.isPending && <TableMessageRow colSpan={COLUMNS}>{t('app.loading')}</TableMessageRow>}
          {log.isSuccess && entries.length === 0 && (
            <TableMessageRow colSpan={COLUMNS}>{t('audit.empty')}</TableMessageRow>
          )}
          {entries.map((entry) => (
            <tr key={entry.id}>
              <td className="cell-nowrap">
                <time dateTime={entry.at}>{formatDateTime(entry.at, i18n.language)}</time>
              </td>
              <td>{entry.actorLogin ?? <span className="muted">{t('audit.system')}</span>}</td>
              <td className="cell-mono">{entry.ip}</td>
              <td>{auditActionLabel(entry.action)}</td>
              <td>{target(entry)}</td>
              <td className="cell-details">{formatDetails(entry.details)}</td>
            </tr>
          ))}
        </tbody>
      </Table>
      {log.hasNextPage && (
        <div className="load-more">
          <Button onClick={() => void log.fetchNextPage()} disabled={log.isFetchingNextPage}>
            {log.isFetchingNextPage ? t('common.loadingMore') : t('common.loadMore')}
          </Button>
        </div>
      )}
    </>
  )
}
