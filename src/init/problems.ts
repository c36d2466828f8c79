// Errors as values for init: a stable code, a human message and a fix hint the CLI prints.
export interface InitProblem {
  readonly code:
    | 'INIT_UNKNOWN_TEMPLATE'
    | 'INIT_BAD_AUTH'
    | 'INIT_BAD_NAME'
    | 'INIT_UNKNOWN_TOOL'
    | 'INIT_NO_TOOLS'
    | 'INIT_NOT_EMPTY'
    | 'INIT_FILES_EXIST'
    | 'INIT_NOT_A_DIRECTORY'
    | 'INIT_CANCELLED'
    | 'INIT_TEMPLATE_BROKEN';
  readonly message: string;
  readonly hint?: string;
}

export function isInitProblem(value: unknown): value is InitProblem {
  return typeof value === 'object' && value !== null && 'code' in value && typeof (value as { code: unknown }).code === 'string' && String((value as { code: string }).code).startsWith('INIT_');
}
