/** A problem starting a local service, with one sentence a person can act on. */
export class ServiceStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ServiceStartError";
  }
}
