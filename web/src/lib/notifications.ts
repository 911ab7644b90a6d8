import { useSyncExternalStore } from 'react'

/** How a user wants to be told about new work; each channel can be muted, per browser. */
export interface AlertPreferences {
  inApp: boolean
  desktop: boolean
  sound: boolean
}

export interface Toast {
  id: number
  title: string
  body: string
  href?: string
}

const DEFAULTS: AlertPreferences = { inApp: true, desktop: true, sound: true }
const storageKey = (userId: number) => `conversa.alerts.${userId}`

let preferences: AlertPreferences = DEFAULTS
let preferencesUser: number | null = null
const preferenceListeners = new Set<() => void>()

export function loadPreferences(userId: number): AlertPreferences {
  if (preferencesUser !== userId) {
    preferencesUser = userId
    try {
      preferences = { ...DEFAULTS, ...(JSON.parse(localStorage.getItem(storageKey(userId)) ?? '{}') as Partial<AlertPreferences>) }
    } catch {
      preferences = DEFAULTS
    }
  }
  return preferences
}

export function savePreferences(userId: number, next: AlertPreferences) {
  preferences = next
  preferencesUser = userId
  localStorage.setItem(storageKey(userId), JSON.stringify(next))
  if (next.desktop && 'Notification' in window && Notification.permission === 'default') {
    void Notification.requestPermission()
  }
  preferenceListeners.forEach((listener) => listener())
}

export function useAlertPreferences(userId: number): AlertPreferences {
  return useSyncExternalStore((listener) => {
    preferenceListeners.add(listener)
    return () => preferenceListeners.delete(listener)
  }, () => loadPreferences(userId))
}

let toasts: Toast[] = []
let nextToast = 1
const toastListeners = new Set<() => void>()

function setToasts(next: Toast[]) {
  toasts = next
  toastListeners.forEach((listener) => listener())
}

export function dismissToast(id: number) {
  setToasts(toasts.filter((toast) => toast.id !== id))
}

export function useToasts(): Toast[] {
  return useSyncExternalStore((listener) => {
    toastListeners.add(listener)
    return () => toastListeners.delete(listener)
  }, () => toasts)
}

let audio: AudioContext | null = null

/** A short two-note chime, synthesized (no sound file to ship). Browsers allow it after a first click. */
function chime() {
  try {
    audio ??= new AudioContext()
    const now = audio.currentTime
    ;[880, 1320].forEach((frequency, index) => {
      const oscillator = audio!.createOscillator()
      const gain = audio!.createGain()
      oscillator.frequency.value = frequency
      gain.gain.setValueAtTime(0.0001, now + index * 0.12)
      gain.gain.exponentialRampToValueAtTime(0.15, now + index * 0.12 + 0.02)
      gain.gain.exponentialRampToValueAtTime(0.0001, now + index * 0.12 + 0.2)
      oscillator.connect(gain).connect(audio!.destination)
      oscillator.start(now + index * 0.12)
      oscillator.stop(now + index * 0.12 + 0.22)
    })
  } catch {
    // no audio device, or autoplay not yet allowed: the other channels still tell the user
  }
}

/** Tells the user, on every channel they have not muted. Customer text arrives here as plain text. */
export function alertUser(userId: number, alert: Omit<Toast, 'id'>, onOpen?: () => void) {
  const prefs = loadPreferences(userId)
  if (prefs.inApp) {
    const toast = { ...alert, id: nextToast++ }
    setToasts([...toasts.slice(-3), toast])
    setTimeout(() => dismissToast(toast.id), 8000)
  }
  if (prefs.sound) chime()
  if (prefs.desktop && 'Notification' in window && Notification.permission === 'granted' && document.hidden) {
    const notification = new Notification(alert.title, { body: alert.body, tag: alert.href })
    notification.onclick = () => {
      window.focus()
      onOpen?.()
      notification.close()
    }
  }
}
