/** The twin must predict at least this score for an allowed action to run without asking... */
export const AUTO_EXECUTE_MIN_SCORE = 0.7;
/** ...and be at least this sure of it. */
export const AUTO_EXECUTE_MIN_CONFIDENCE = 0.6;
/** Below this confidence on every candidate the twin knows nothing, and the situation's default wins. */
export const TWIN_CLUELESS_CONFIDENCE = 0.3;
