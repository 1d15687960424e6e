/** The stable JSON body of every error response. */
export interface ErrorBody {
  code: string;
  message: string;
  details?: unknown;
}
