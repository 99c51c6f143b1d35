/** Stable error codes: the Teams layer maps each to a friendly card or an invoke error status. */
export type DomainErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'forbidden'
  | 'closed'
  | 'conflict'
  | 'unsupported';

/** An expected failure that the user can act on; `message` is safe to show to them. */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** Field name → problem, for forms that re-render with messages beside the inputs. */
    readonly fields: Record<string, string> = {}
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;
