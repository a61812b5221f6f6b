/** The Google scopes SkyTwin asks for: read and label mail, write drafts; read calendars, answer invitations. */
export const GOOGLE_SCOPES = {
  gmailModify: 'https://www.googleapis.com/auth/gmail.modify',
  calendarEvents: 'https://www.googleapis.com/auth/calendar.events',
  calendarReadonly: 'https://www.googleapis.com/auth/calendar.readonly',
} as const;

export const SKYTWIN_GOOGLE_SCOPES: readonly string[] = Object.values(GOOGLE_SCOPES);
