import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/ui/button'
import { Dialog } from '../../../components/ui/dialog'
import { ErrorMessage } from '../../../components/ui/error-message'
import { Table } from '../../../components/ui/table'
import { api, fileForm } from '../../../lib/api'
import type { ImportReportView } from '../../../types/api'
import { contactKeys } from '../api/contacts'

/** CSV import in two steps: a preview (nothing is written) with every problem row, then the import itself. */
export function ImportDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const [file, setFile] = useState<File | null>(null)
  const run = useMutation({
    mutationFn: (dryRun: boolean) =>
      api.postForm<ImportReportView>(`/api/contacts/import?dryRun=${dryRun}`, fileForm(file!, file!.name, {})),
    onSuccess: (report) => {
      if (!report.dryRun) void queryClient.invalidateQueries({ queryKey: contactKeys.all })
    },
  })
  const report = run.data
  const problems = report?.rows.filter((row) => row.outcome === 'ERROR') ?? []
  return (
    <Dialog title={t('contacts.importTitle')} onClose={onClose} wide footer={
      <>
        <Button onClick={onClose}>{report && !report.dryRun ? t('tokens.done') : t('common.cancel')}</Button>
        {(!report || report.dryRun) && (
          <Button variant="primary" disabled={!file || run.isPending} onClick={() => run.mutate(!report)}>
            {report ? t('contacts.importConfirm', { count: report.created + report.updated }) : t('contacts.importPreview')}
          </Button>
        )}
      </>
    }>
      <p className="muted">{t('contacts.importHelp')}</p>
      <input type="file" accept=".csv,text/csv" aria-label={t('contacts.importFile')} data-testid="import-file"
        onChange={(event) => {
          setFile(event.target.files?.[0] ?? null)
          run.reset()
        }} />
      <ErrorMessage error={run.error} />
      {report && (
        <>
          <p data-testid="import-summary">
            {t(report.dryRun ? 'contacts.importWould' : 'contacts.importDid', {
              created: report.created, updated: report.updated, unchanged: report.unchanged, failed: report.failed,
            })}
          </p>
          {problems.length > 0 && (
            <Table caption={t('contacts.importProblems')}>
              <thead><tr><th>{t('contacts.importLine')}</th><th>{t('contacts.phone')}</th><th>{t('contacts.importProblem')}</th></tr></thead>
              <tbody>
                {problems.map((row) => (
                  <tr key={row.line}><td>{row.line}</td><td>{row.phone ?? '—'}</td><td>{row.errors.join(' ')}</td></tr>
                ))}
              </tbody>
            </Table>
          )}
        </>
      )}
    </Dialog>
  )
}
