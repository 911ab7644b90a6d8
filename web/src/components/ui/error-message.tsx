import { useTranslation } from 'react-i18next'
import { ApiError } from '../../lib/api'

interface ErrorMessageProps {
  error: unknown
  /** Fields shown next to their inputs; errors for any other field are listed here. */
  fieldsShown?: readonly string[]
}

/** Shows an error (the server's localized problem detail, or a client-side message) as an alert. */
export function ErrorMessage({ error, fieldsShown = [] }: ErrorMessageProps) {
  const { t } = useTranslation()
  if (!error) return null
  if (typeof error === 'string') {
    return (
      <div role="alert" className="alert alert-error">
        {error}
      </div>
    )
  }
  const apiError = error instanceof ApiError ? error : null
  const detail = apiError ? apiError.detail : t('app.errorText')
  const others = apiError ? apiError.errors.filter((fieldError) => !fieldsShown.includes(fieldError.field)) : []
  return (
    <div role="alert" className="alert alert-error">
      <p>{detail}</p>
      {others.length > 0 && (
        <ul>
          {others.map((fieldError) => (
            <li key={`${fieldError.field}:${fieldError.message}`}>
              {fieldError.field}: {fieldError.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

/** The server's message for one form field, if the error carries one. */
export function fieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiError ? error.fieldError(field) : undefined
}
