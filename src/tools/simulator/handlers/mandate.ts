// mandate: SEPA mandate signing (through a redirection to the simulator), consultation, PDF, search.
import { AcquirerResponseCode, MandateResponseCode, mask, type WireRecord } from 'sogenactif-office/internal';
import { day, newId, type SimulatedMandate, type SimulatorState } from '../state';
import type { Handler } from './common';

function mandateView(m: SimulatedMandate): Record<string, unknown> {
  return {
    bic: m.bic,
    iban: m.iban,
    mandateCreationDate: m.mandateCreationDate,
    mandateId: m.mandateId,
    mandateLastUpdateDate: m.mandateLastUpdateDate,
    mandateSecureReference: m.mandateSecureReference,
    mandateSignatureDate: m.mandateSignatureDate,
    mandateStatus: m.mandateStatus,
    mandateUsage: m.mandateUsage,
    riskyMandate: m.riskyMandate,
    transactionActors: m.transactionActors,
  };
}

/** The mandate's fields as finalizeMandate and getMandateData return them: flat, not in a container. */
function flatView(m: SimulatedMandate): Record<string, unknown> {
  return {
    acquirerResponseCode: AcquirerResponseCode['00'],
    bic: m.bic,
    iban: m.iban,
    mandateId: m.mandateId,
    mandateStatus: m.mandateStatus,
  };
}

/**
 * ISO 13616 check: country code, check digits, then the account; the mod-97 remainder of the rearranged number is 1.
 */
export function ibanValid(value: string): boolean {
  const compact = value.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$/.test(compact)) return false;
  const digits = (compact.slice(4) + compact.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let remainder = 0;
  for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  return remainder === 1;
}

/** A one-page PDF naming the mandate, so getPdfMandate returns a real document. */
function mandatePdf(m: SimulatedMandate): string {
  const text = `SEPA Direct Debit mandate ${m.mandateId} - status ${m.mandateStatus}`.replace(/[()\\]/g, '');
  const stream = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(pdf.length);
    pdf += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf +=
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` +
    `${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1').toString('base64');
}

export function mandateHandlers(state: SimulatorState): Record<string, Handler> {
  const ownMandate = (request: WireRecord, merchantId: string): SimulatedMandate | undefined => {
    const mandate = state.mandates.get(String(request.mandateId ?? ''));
    return mandate && mandate.merchantId === merchantId ? mandate : undefined;
  };
  return {
    'mandate.initializeMandate': (request, merchantId) => {
      const iban = typeof request.iban === 'string' ? request.iban : '';
      if (!ibanValid(iban)) return { mandateResponseCode: MandateResponseCode['12'], errorFieldName: 'iban' };
      const mandateId = `SDD-MANDATE-${String(++state.sequence + 100).padStart(6, '0')}`;
      const session = newId(18);
      const today = day(state.now());
      state.mandates.set(mandateId, {
        mandateId,
        merchantId,
        ...(typeof request.customerId === 'string' ? { customerId: request.customerId } : {}),
        // Kept masked, as the gateway returns it: the full IBAN never stays in the simulator's state.
        iban: mask(iban, 'iban'),
        bic: 'SOGEFRPP',
        mandateStatus: 'PENDING',
        mandateUsage: typeof request.mandateUsage === 'string' ? request.mandateUsage : 'RECURRENT',
        transactionActors: typeof request.transactionActors === 'string' ? request.transactionActors : 'BTOC',
        riskyMandate: 'N',
        mandateSecureReference: `SSP${mandateId.slice(-6)}`,
        mandateCreationDate: today,
        mandateLastUpdateDate: today,
      });
      state.sessions.set(session, {
        id: session,
        kind: 'mandate',
        merchantId,
        request,
        transactionReference: mandateId,
        ...(typeof request.merchantReturnUrl === 'string' ? { returnUrl: request.merchantReturnUrl } : {}),
      });
      return {
        mandateResponseCode: MandateResponseCode['00'],
        mandateId,
        messageVersion: '1.0',
        redirectionData: session,
        redirectionUrl: `${state.url}/simulator/mandate`,
      };
    },
    'mandate.finalizeMandate': (request, merchantId) => {
      const session = state.sessions.get(String(request.redirectionData ?? ''));
      const mandate =
        session && session.kind === 'mandate' && session.merchantId === merchantId
          ? state.mandates.get(session.transactionReference)
          : undefined;
      if (!session || !mandate) return { mandateResponseCode: MandateResponseCode['25'] };
      // mandateResponseCode has no 24 (the page's value list has none): a session used twice is an invalid request.
      if (session.used) return { mandateResponseCode: MandateResponseCode['12'], errorFieldName: 'redirectionData' };
      session.used = true;
      mandate.mandateStatus = 'ACTIVE';
      mandate.mandateSignatureDate = mandate.mandateLastUpdateDate = day(state.now());
      return { mandateResponseCode: MandateResponseCode['00'], ...flatView(mandate) };
    },
    'mandate.getMandateData': (request, merchantId) => {
      const mandate = ownMandate(request, merchantId);
      if (!mandate) return { mandateResponseCode: MandateResponseCode['25'] };
      const transactions = [...state.transactions.values()].filter(
        (t) => t.merchantId === merchantId && t.mandateId === mandate.mandateId,
      );
      return {
        mandateResponseCode: MandateResponseCode['00'],
        ...flatView(mandate),
        transactionList: transactions.map((t) => ({
          amount: t.originAmount,
          currencyCode: t.currencyCode,
          transactionDateTime: t.transactionDateTime,
          transactionReference: t.transactionReference,
          transactionStatus: t.status,
        })),
      };
    },
    'mandate.getPdfMandate': (request, merchantId) => {
      const mandate = ownMandate(request, merchantId);
      if (!mandate) return { mandateResponseCode: MandateResponseCode['25'] };
      return {
        mandateResponseCode: MandateResponseCode['00'],
        mandateId: mandate.mandateId,
        mandatePdf: mandatePdf(mandate),
      };
    },
    'mandate.searchMandate': (request, merchantId) => {
      const found = [...state.mandates.values()].filter(
        (m) => m.merchantId === merchantId && m.customerId === request.customerId,
      );
      return {
        mandateResponseCode: MandateResponseCode['00'],
        ...(found.length > 0 ? { mandateList: found.map(mandateView) } : {}),
      };
    },
  };
}
