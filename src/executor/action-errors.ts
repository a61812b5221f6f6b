/** The action cannot be carried out as stored (a missing or unusable parameter): it fails for good. */
export class ActionParameterError extends Error {
  readonly code = 'action_parameter';
}
