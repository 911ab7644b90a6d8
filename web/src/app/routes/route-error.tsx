import { useTranslation } from 'react-i18next'
import { Button } from '../../components/ui/button'

/** Last resort when rendering a route throws. */
export function RouteError() {
  const { t } = useTranslation()
  return (
    <div className="center-screen">
      <section className="card message-card" aria-labelledby="route-error-title">
        <h1 id="route-error-title">{t('app.errorTitle')}</h1>
        <p role="alert">{t('app.errorText')}</p>
        <Button variant="primary" onClick={() => window.location.reload()}>
          {t('app.reload')}
        </Button>
      </section>
    </div>
  )
}
