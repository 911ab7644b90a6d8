import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../components/ui/button'

type CopyState = 'idle' | 'copied' | 'failed'

/** The connection's webhook URL, read-only and selectable, with a "Copy" button and where to paste it. */
export function WebhookUrlField({ url }: { url: string }) {
  const { t } = useTranslation()
  const id = useId()
  const [state, setState] = useState<CopyState>('idle')

  useEffect(() => {
    if (state === 'idle') return
    const timer = window.setTimeout(() => setState('idle'), 2500)
    return () => window.clearTimeout(timer)
  }, [state])

  const copy = () => {
    // navigator.clipboard only exists in secure contexts (HTTPS or localhost).
    if (!navigator.clipboard) {
      setState('failed')
      return
    }
    navigator.clipboard.writeText(url).then(
      () => setState('copied'),
      () => setState('failed'),
    )
  }

  return (
    <div className="field">
      <label htmlFor={id}>{t('connections.webhookUrl')}</label>
      <div className="input-with-action">
        <input
          id={id}
          className="cell-mono"
          readOnly
          value={url}
          aria-describedby={`${id}-hint`}
          onFocus={(event) => event.currentTarget.select()}
        />
        <Button small onClick={copy}>
          {state === 'copied' ? t('connections.copied') : t('connections.copy')}
        </Button>
      </div>
      <p id={`${id}-hint`} className="field-hint">
        {t('connections.webhookHint')}
      </p>
      <p role="status" className={state === 'failed' ? 'field-error' : 'visually-hidden'}>
        {state === 'copied' && t('connections.copied')}
        {state === 'failed' && t('connections.copyFailed')}
      </p>
    </div>
  )
}
