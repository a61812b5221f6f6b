// The text model: a per-user naive Bayes model of which action the user chooses for which mail,
// learned from their answers, so mail from a sender never seen before is handled like similar mail.
export { mailFeatures, MAX_TOKENS_PER_MESSAGE } from './features.js';
export {
  emptyTextModel,
  exampleCount,
  MAX_CLASSES,
  MAX_FEATURES,
  TEXT_MODEL_VERSION,
  textModelFromJson,
  textModelToJson,
  trainText,
} from './model.js';
export type { TextModel, TextModelDocument } from './model.js';
export { MIN_PROBABILITY, MIN_SIMILAR, predictText, SIMILAR_HALF_POINT } from './predict.js';
export type { TextPrediction } from './predict.js';
export { joinTextPrediction, MAX_TEXT_CONFIDENCE, TEXT_WEIGHT, textAdvice } from './join.js';
export { lessonOf } from './lesson.js';
export { isTextModelKind, TEXT_MODEL_KINDS } from './kinds.js';
export { summarizeTextModel } from './summary.js';
export type { TextModelSummary } from './summary.js';
