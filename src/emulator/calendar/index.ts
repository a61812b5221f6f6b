// Calendar v3 over HTTP: calendar list, event listing with sync tokens and paging, get, patch, delete.
// Rendering and selection follow Google's rules; the calendar state holds the events.
export { calendarRoutes } from './routes.js';
export { eventResource, cancelledResource, etagOf, type EventView } from './render.js';
