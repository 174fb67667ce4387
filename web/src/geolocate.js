// The device's location as a promise of [lon, lat], failing with a reason the viewer can explain:
// 'unsupported', 'denied', 'unavailable' or 'timeout' (the i18n keys geo.<reason>).

export class LocationError extends Error {
  constructor(reason) {
    super(reason);
    this.reason = reason;
  }
}

const REASONS = { 1: 'denied', 2: 'unavailable', 3: 'timeout' };

export function currentLocation({ timeout = 15000 } = {}) {
  return new Promise((resolve, reject) => {
    const geolocation = globalThis.navigator?.geolocation;
    if (!geolocation || typeof geolocation.getCurrentPosition !== 'function') {
      reject(new LocationError('unsupported'));
      return;
    }
    geolocation.getCurrentPosition(
      (position) => resolve([position.coords.longitude, position.coords.latitude]),
      (error) => reject(new LocationError(REASONS[error?.code] ?? 'unavailable')),
      { enableHighAccuracy: true, timeout, maximumAge: 60000 },
    );
  });
}
