import { createClient, DeclinedError, SogenactifError } from '../src';
import { startSimulator } from '../src/simulator/server';
(async () => {
  const sim = await startSimulator();
  const client = createClient({ merchantId: '002001000000001', secretKey: '002001000000001_KEY1', keyVersion: 1, environment: sim.url });
  const r = await client.mandate.searchMandate({ customerId: 'CUST-0001' });
  console.log(JSON.stringify(r));
  const init = await client.mandate.initializeMandate({ merchantReturnUrl: 'https://shop.example/return', customerId: 'C2' });
  console.log(JSON.stringify(init));
  const fin = await client.mandate.finalizeMandate({ messageVersion: init.messageVersion!, redirectionData: init.redirectionData! });
  console.log(JSON.stringify(fin));
  const pdf = await client.mandate.getPdfMandate({ mandateId: init.mandateId! });
  console.log(Buffer.from(pdf.mandatePdf!, 'base64').toString('latin1').slice(0, 20));
  try { await client.mandate.getMandateData({ mandateId: 'nope' }); } catch (e) { console.log((e as SogenactifError).name, (e as Error).message, e instanceof DeclinedError); }
  const bad = createClient({ merchantId: '002001000000001', secretKey: 'wrong', keyVersion: 1, environment: sim.url });
  try { await bad.mandate.searchMandate({ customerId: 'CUST-0001' }); } catch (e) { console.log((e as Error).name, (e as Error).message); }
  try { await client.mandate.searchMandate({ customerId: 'x'.repeat(30) }); } catch (e) { console.log((e as Error).name, (e as Error).message); }
  client.close(); bad.close(); await sim.close();
})().catch((e) => { console.error('FAIL', e); process.exit(1); });
