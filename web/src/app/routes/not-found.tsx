import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'

export function NotFoundRoute() {
  const { t } = useTranslation()
  return (
    <section className="card message-card" aria-labelledby="not-found-title">
      <h1 id="not-found-title">{t('app.notFoundTitle')}</h1>
      <p>{t('app.notFoundText')}</p>
      <Link to="/">{t('app.backHome')}</Link>
    </section>
  )
}
