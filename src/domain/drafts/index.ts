// Reply drafts without a language model: free slots from the user's calendar, deadlines, names,
// and the tone (greeting, sign-off) learned from the replies the user edited or approved. Pure.
export { emptyTone, learnTone, readTone, toneFromJson, usualTone, type ToneProfile, type ToneVariant, type UsualTone } from './tone.js';
