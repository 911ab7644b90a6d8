import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import type { Language } from '../../types/domain'
import { en } from './en'
import { es, type Translation } from './es'

declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: Translation }
  }
}

export const LANGUAGES: readonly Language[] = ['es', 'en']

export function browserLanguage(): Language {
  return navigator.language.toLowerCase().startsWith('es') ? 'es' : 'en'
}

export const i18n = i18next.createInstance()

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language
})

void i18n.use(initReactI18next).init({
  resources: { es: { translation: es }, en: { translation: en } },
  lng: browserLanguage(),
  fallbackLng: 'es',
  supportedLngs: LANGUAGES,
  interpolation: { escapeValue: false },
  initAsync: false,
})

export function currentLanguage(): Language {
  return i18n.resolvedLanguage === 'en' ? 'en' : 'es'
}

function lookup(key: string, fallback: string): string {
  return i18n.exists(key) ? (i18n.t as (key: string) => string)(key) : fallback
}

// Codes from the server (permissions, groups, audit actions) contain dots; their keys use underscores.
const keyOf = (code: string) => code.replaceAll('.', '_')

export const permissionLabel = (code: string) => lookup(`permissions.${keyOf(code)}.label`, code)
export const permissionDescription = (code: string) => lookup(`permissions.${keyOf(code)}.description`, '')
export const permissionGroupLabel = (group: string) => lookup(`permissionGroups.${keyOf(group)}`, group)
export const auditActionLabel = (action: string) => lookup(`auditActions.${keyOf(action)}`, action)
export const eventMessageLabel = (code: string) => lookup(`eventMessages.${keyOf(code)}`, code)
