// doc-test prelude "client-credentials": createClient and the credentials, for README fragments that show one call
// of createClient (scripts/doc-test.js compiles the fragment after these lines).
import { createClient } from 'sogenactif-office';
const merchantId: string = process.env.SOGENACTIF_MERCHANT_ID ?? '002001000000001';
const secretKey: string = process.env.SOGENACTIF_SECRET_KEY ?? '';
