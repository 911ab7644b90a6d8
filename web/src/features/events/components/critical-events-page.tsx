import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Badge, type BadgeTone } from '../../../components/ui/badge'
import { Button } from '../../../components/ui/button'
import { ErrorMessage } from '../../../components/ui/error-message'
import { SelectField, TextField } from '../../../components/ui/field'
import { PageHeader } from '../../../components/ui/page-header'
import { Table, TableMessageRow } from '../../../components/ui/table'
import { formatDateTime, formatDetails } from '../../../lib/format'
import { eventMessageLabel } from '../../../lib/i18n'
import { useDebouncedValue } from '../../../lib/use-debounced-value'
import type { Severity } from '../../../types/domain'
import { useCriticalEvents, type EventFilters } from '../api/events'

const SEVERITIES: readonly Severity[] = ['CRITICAL', 'WARNING', 'INFO']
const TONE: Record<Severity, BadgeTone> = { CRITICAL: 'danger', WARNING: 'warning', INFO: 'info' }
const COLUMNS = 5

export function CriticalEventsPage() {
  const { t, i18n } = useTranslation()
  const [severity, setSeverity] = useState<EventFilters['severity']>('')
  const [source, setSource] = useState('')
  const debouncedSource = useDebouncedValue(source.trim())
  const events = useCriticalEvents({ severity, source: debouncedSource })
  const items = events.data?.pages.flatMap((page) => page.items) ?? []

  return (
    <>
      <PageHeader title={t('events.title')} description={t('events.intro')} />
      <div role="search" className="filters" aria-label={t('events.title')}>
        <SelectField
          label={t('events.severity')}
          value={severity}
          options={[
            { value: '', label: t('events.allSeverities') },
            ...SEVERITIES.map((value) => ({ value, label: t(`severities.${value}`) })),
          ]}
          onChange={(value) => setSeverity(value as EventFilters['severity'])}
        />
        <TextField label={t('events.source')} type="search" value={source} onChange={setSource} />
      </div>
      <ErrorMessage error={events.error} />
      <Table caption={t('events.title')}>
        <thead>
          <tr>
            <th scope="col">{t('events.time')}</th>
            <th scope="col">{t('events.severity')}</th>
            <th scope="col">{t('events.source')}</th>
            <th scope="col">{t('events.message')}</th>
            <th scope="col">{t('events.details')}</th>
          </tr>
        </thead>
        <tbody>
          {events.isPending && <TableMessageRow colSpan={COLUMNS}>{t('app.loading')}</TableMessageRow>}
          {events.isSuccess && items.length === 0 && (
            <TableMessageRow colSpan={COLUMNS}>{t('events.empty')}</TableMessageRow>
          )}
          {items.map((event) => (
            <tr key={event.id}>
              <td className="cell-nowrap">
                <time dateTime={event.at}>{formatDateTime(event.at, i18n.language)}</time>
              </td>
              <td>
                <Badge tone={TONE[event.severity] ?? 'neutral'}>
                  {t(`severities.${event.severity}`, { defaultValue: event.severity })}
                </Badge>
              </td>
              <td className="cell-mono">{event.source}</td>
              <td>{eventMessageLabel(event.code)}</td>
              <td className="cell-details">{formatDetails(event.details)}</td>
            </tr>
          ))}
        </tbody>
      </Table>
      {events.hasNextPage && (
        <div className="load-more">
          <Button onClick={() => void events.fetchNextPage()} disabled={events.isFetchingNextPage}>
            {events.isFetchingNextPage ? t('common.loadingMore') : t('common.loadMore')}
          </Button>
        </div>
      )}
    </>
  )
}
