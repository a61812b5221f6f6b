// The errors SkyTwin reports to users and clients, each with a stable code and HTTP status.
// Defined once here; everything else throws these.
export { AppError, isAppError, isGoogleConnectionError, errors } from './app-error.js';
