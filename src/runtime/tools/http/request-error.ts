// An argument that cannot be turned into a request (e.g. `..` in a path segment): the caller
// sees it as an isError result, never a server error.
export class RequestBuildError extends Error {
  readonly code = 'bad_arguments';
  constructor(message: string) {
    super(message);
    this.name = 'RequestBuildError';
  }
}
