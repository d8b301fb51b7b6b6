/**
 * The Issuetrak API v1 client and signer: `import { IssuetrakClient, sign } from "itk-issuetrak"`.
 *
 * @module
 */
export {
  IssuetrakClient,
  IssuetrakApiError,
  READ_ONLY_ISSUE_FIELDS,
  READ_ONLY_USER_DEFINED_FIELD_FIELDS,
} from "./lib/client.js";
export {
  sign,
  REQUEST_ID_HEADER,
  TIMESTAMP_HEADER,
  AUTHORIZATION_HEADER,
} from "./lib/signer.js";
export {
  canonicalMessage,
  canonicalPath,
  formatTimestamp,
} from "./lib/canonical.js";
