// doc-test prelude "credentials": what a README fragment marked `fragment of credentials` uses without declaring it
// (scripts/doc-test.js compiles the fragment after these lines).
const merchantId: string = process.env.SOGENACTIF_MERCHANT_ID ?? '002001000000001';
const secretKey: string = process.env.SOGENACTIF_SECRET_KEY ?? '';
