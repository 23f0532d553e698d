// Business rules of the simulator, with in-memory state. Each handler receives the verified request
// (wire text values) and returns the response fields, code field included; the server seals them.
import { randomBytes } from 'node:crypto';
import type { WireRecord } from '../wire';

export interface SimulatedMandate {
  mandateId: string;
  merchantId: string;
  customerId?: string;
  iban: string;
  bic: string;
  mandateStatus: string;
  mandateUsage: string;
  transactionActors: string;
  riskyMandate: string;
  mandateSecureReference: string;
  mandateCreationDate: string;
  mandateLastUpdateDate: string;
  mandateSignatureDate?: string;
  /** redirectionData of a signing session not finalised yet. */
  pendingSession?: string;
}

export interface SimulatorState {
  readonly url: string;
  readonly mandates: Map<string, SimulatedMandate>;
  sequence: number;
  /** Pinned clock for reproducible replies; defaults to the real time. */
  now: () => Date;
}

export type Handler = (request: WireRecord, merchantId: string) => Record<string, unknown>;

const day = (date: Date): string => date.toISOString().slice(0, 10).replace(/-/g, '');

export function createState(url: string): SimulatorState {
  const state: SimulatorState = { url, mandates: new Map(), sequence: 0, now: () => new Date() };
  // Demo data: the public test merchant's customer CUST-0001 has signed two mandates.
  const seed = (mandateId: string, status: string, usage: string, risky: string): void => {
    state.mandates.set(mandateId, {
      mandateId,
      merchantId: '002001000000001',
      customerId: 'CUST-0001',
      iban: 'FR76##################89',
      bic: 'SOGEFRPP',
      mandateStatus: status,
      mandateUsage: usage,
      transactionActors: 'BTOC',
      riskyMandate: risky,
      mandateSecureReference: `SSP${mandateId.slice(-6)}`,
      mandateCreationDate: '20260105',
      mandateLastUpdateDate: '20260301',
      mandateSignatureDate: '20260105',
    });
  };
  seed('SDD-MANDATE-000001', 'ACTIVE', 'RECURRENT', 'N');
  seed('SDD-MANDATE-000002', 'REVOKED', 'ONE_OFF', 'N');
  return state;
}

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
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1').toString('base64');
}

export function createHandlers(state: SimulatorState): Record<string, Handler> {
  const ownMandate = (request: WireRecord, merchantId: string): SimulatedMandate | undefined => {
    const mandate = state.mandates.get(String(request.mandateId ?? ''));
    return mandate && mandate.merchantId === merchantId ? mandate : undefined;
  };
  return {
    'mandate.initializeMandate': (request, merchantId) => {
      const mandateId = `SDD-MANDATE-${String(++state.sequence + 100).padStart(6, '0')}`;
      const session = randomBytes(18).toString('base64url');
      const today = day(state.now());
      state.mandates.set(mandateId, {
        mandateId,
        merchantId,
        ...(typeof request.customerId === 'string' ? { customerId: request.customerId } : {}),
        iban: 'FR76##################42',
        bic: 'SOGEFRPP',
        mandateStatus: 'PENDING',
        mandateUsage: typeof request.mandateUsage === 'string' ? request.mandateUsage : 'RECURRENT',
        transactionActors: typeof request.transactionActors === 'string' ? request.transactionActors : 'BTOC',
        riskyMandate: 'N',
        mandateSecureReference: `SSP${mandateId.slice(-6)}`,
        mandateCreationDate: today,
        mandateLastUpdateDate: today,
        pendingSession: session,
      });
      return {
        mandateResponseCode: '00',
        mandateId,
        messageVersion: '1.0',
        redirectionData: session,
        redirectionUrl: `${state.url}/simulator/mandate-signing`,
      };
    },
    'mandate.finalizeMandate': (request, merchantId) => {
      const mandate = [...state.mandates.values()].find((m) => m.merchantId === merchantId && m.pendingSession === request.redirectionData);
      if (!mandate) return { mandateResponseCode: '25' };
      delete mandate.pendingSession;
      mandate.mandateStatus = 'ACTIVE';
      mandate.mandateSignatureDate = mandate.mandateLastUpdateDate = day(state.now());
      return { mandateResponseCode: '00', customerId: mandate.customerId, mandate: mandateView(mandate) };
    },
    'mandate.getMandateData': (request, merchantId) => {
      const mandate = ownMandate(request, merchantId);
      if (!mandate) return { mandateResponseCode: '25' };
      return { mandateResponseCode: '00', mandate: mandateView(mandate), transactionList: [] };
    },
    'mandate.getPdfMandate': (request, merchantId) => {
      const mandate = ownMandate(request, merchantId);
      if (!mandate) return { mandateResponseCode: '25' };
      return { mandateResponseCode: '00', mandateId: mandate.mandateId, mandatePdf: mandatePdf(mandate) };
    },
    'mandate.searchMandate': (request, merchantId) => {
      const found = [...state.mandates.values()].filter((m) => m.merchantId === merchantId && m.customerId === request.customerId);
      return { mandateResponseCode: '00', ...(found.length > 0 ? { mandateList: found.map(mandateView) } : {}) };
    },
  };
}
