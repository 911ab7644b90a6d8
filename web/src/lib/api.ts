import { i18n } from './i18n'

export interface FieldError {
  field: string
  message: string
}

/** An RFC 9457 problem detail (or a transport failure) turned into one typed error. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string | null
  readonly detail: string
  readonly errors: FieldError[]

  constructor(status: number, code: string | null, detail: string, errors: FieldError[] = []) {
    super(detail)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.detail = detail
    this.errors = errors
  }

  fieldError(field: string): string | undefined {
    return this.errors.find((error) => error.field === field)?.message
  }
}

interface ApiEventHandlers {
  onUnauthorized: () => void
  onPasswordChangeRequired: () => void
}

let handlers: ApiEventHandlers = { onUnauthorized: () => {}, onPasswordChangeRequired: () => {} }

/** Registered once by the app: what to do when the session ends or a password change is due. */
export function setApiEventHandlers(next: ApiEventHandlers) {
  handlers = next
}

const LOGIN_PATH = '/api/auth/login'
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

type QueryValue = string | number | boolean | null | undefined

export function withQuery(path: string, params: Record<string, QueryValue>): string {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value))
  }
  const query = search.toString()
  return query ? `${path}?${query}` : path
}

function readCookie(name: string): string | null {
  const prefix = `${name}=`
  const found = document.cookie.split(';').map((part) => part.trim()).find((part) => part.startsWith(prefix))
  return found ? decodeURIComponent(found.slice(prefix.length)) : null
}

async function toApiError(response: Response): Promise<ApiError> {
  const fallback = i18n.t('errors.unexpected', { status: response.status })
  const type = response.headers.get('Content-Type') ?? ''
  if (!type.includes('json')) return new ApiError(response.status, null, fallback)
  try {
    const body = (await response.json()) as { detail?: string; code?: string; errors?: FieldError[] }
    return new ApiError(response.status, body.code ?? null, body.detail || fallback, body.errors ?? [])
  } catch {
    return new ApiError(response.status, null, fallback)
  }
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': i18n.resolvedLanguage ?? i18n.language,
  }
  const form = body instanceof FormData
  if (body !== undefined && !form) headers['Content-Type'] = 'application/json'
  if (MUTATING.has(method)) {
    const token = readCookie('XSRF-TOKEN')
    if (token) headers['X-XSRF-TOKEN'] = token
  }
  let response: Response
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : form ? body : JSON.stringify(body),
    })
  } catch {
    throw new ApiError(0, 'network', i18n.t('errors.network'))
  }
  if (!response.ok) {
    const error = await toApiError(response)
    if (error.status === 401 && path !== LOGIN_PATH) handlers.onUnauthorized()
    if (error.status === 403 && error.code === 'password_change_required') handlers.onPasswordChangeRequired()
    throw error
  }
  if (response.status === 204) return undefined as T
  const text = await response.text()
  return (text ? JSON.parse(text) : undefined) as T
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
  /** A multipart/form-data POST (file uploads); the browser sets the boundary. */
  postForm: <T>(path: string, form: FormData) => request<T>('POST', path, form),
}

/** A file with its form fields, for a multipart upload. */
export function fileForm(file: Blob, filename: string, fields: Record<string, string>): FormData {
  const form = new FormData()
  Object.entries(fields).forEach(([name, value]) => form.append(name, value))
  form.append('file', file, filename)
  return form
}
