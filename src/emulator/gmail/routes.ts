import type { FastifyInstance } from 'fastify';
import type { EmulatorState } from '../state/emulator-state.js';
import { draftRoutes } from './drafts.js';
import { historyRoutes } from './history.js';
import { labelRoutes } from './labels.js';
import { messageRoutes } from './messages.js';
import { sendRoutes } from './send.js';

export function gmailRoutes(app: FastifyInstance, state: EmulatorState): void {
  labelRoutes(app, state);
  messageRoutes(app, state);
  historyRoutes(app, state);
  draftRoutes(app, state);
  sendRoutes(app, state);
}
